import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { Handler, JobHandler } from '@porchlight/queue';
import { PrepareNoticeUseCase } from '@porchlight/messaging';

@Injectable()
@JobHandler(JobName.TranslateNotice)
export class PrepareNoticeProcessor implements Handler<JobName.TranslateNotice> {
  constructor(private readonly prepare: PrepareNoticeUseCase) {}

  async handle(data: JobPayloads[JobName.TranslateNotice]): Promise<void> {
    await this.prepare.execute(data.noticeId);
  }
}
