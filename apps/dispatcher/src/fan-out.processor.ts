import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { FanOutNoticeUseCase } from '@porchlight/messaging';
import { Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.FanOutNotice)
export class FanOutProcessor implements Handler<JobName.FanOutNotice> {
  constructor(private readonly fanOut: FanOutNoticeUseCase) {}

  async handle(data: JobPayloads[JobName.FanOutNotice]): Promise<void> {
    await this.fanOut.execute(data.noticeId);
  }
}
