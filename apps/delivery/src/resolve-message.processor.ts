import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { ResolveMessageUseCase } from '@porchlight/messaging';
import { Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.ResolveMessage)
export class ResolveMessageProcessor implements Handler<JobName.ResolveMessage> {
  constructor(private readonly resolve: ResolveMessageUseCase) {}

  async handle(data: JobPayloads[JobName.ResolveMessage]): Promise<void> {
    await this.resolve.execute(data.messageId);
  }
}
