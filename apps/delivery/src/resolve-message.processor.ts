import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { ResolveMessageUseCase } from '@porchlight/messaging';
import { Handler, JobHandler } from '@porchlight/queue';
import { UnrecoverableError } from 'bullmq';

@Injectable()
@JobHandler(JobName.ResolveMessage)
export class ResolveMessageProcessor implements Handler<JobName.ResolveMessage> {
  constructor(private readonly resolve: ResolveMessageUseCase) {}

  async handle(data: JobPayloads[JobName.ResolveMessage], attempt: { jobId?: string }): Promise<void> {
    // Jobs enqueued before the payload carried the claim name it at the end of their id.
    const claimedAt = data.claimedAt ?? /-(\d+)$/.exec(attempt.jobId ?? '')?.[1];
    if (!claimedAt) throw new UnrecoverableError(`message.resolve for ${data.messageId} names no claim`);
    await this.resolve.execute(data.messageId, claimedAt);
  }
}
