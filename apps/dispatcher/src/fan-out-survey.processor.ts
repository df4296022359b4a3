import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { FanOutSurveyUseCase } from '@porchlight/engagement';
import { Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.FanOutSurvey)
export class FanOutSurveyProcessor implements Handler<JobName.FanOutSurvey> {
  constructor(private readonly fanOut: FanOutSurveyUseCase) {}

  async handle(data: JobPayloads[JobName.FanOutSurvey]): Promise<void> {
    await this.fanOut.execute(data.surveyId);
  }
}
