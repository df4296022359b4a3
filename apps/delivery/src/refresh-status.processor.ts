import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { RefreshStatusUseCase } from '@porchlight/messaging';
import { Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.RefreshStatus)
export class RefreshStatusProcessor implements Handler<JobName.RefreshStatus> {
  constructor(private readonly refresh: RefreshStatusUseCase) {}

  async handle(data: JobPayloads[JobName.RefreshStatus]): Promise<void> {
    await this.refresh.execute(data.messageId, data.stamp);
  }
}
