import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { PrepareSurveyUseCase } from '@porchlight/engagement';
import { Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.TranslateSurvey)
export class PrepareSurveyProcessor implements Handler<JobName.TranslateSurvey> {
  constructor(private readonly prepare: PrepareSurveyUseCase) {}

  async handle(data: JobPayloads[JobName.TranslateSurvey]): Promise<void> {
    await this.prepare.execute(data.surveyId);
  }
}
