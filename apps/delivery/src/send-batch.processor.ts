import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { SendBatchUseCase } from '@porchlight/messaging';
import { DEFAULT_JOB_OPTIONS, Handler, JobAttempt, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.SendBatch)
export class SendBatchProcessor implements Handler<JobName.SendBatch> {
  constructor(private readonly send: SendBatchUseCase) {}

  async handle(data: JobPayloads[JobName.SendBatch], attempt: JobAttempt): Promise<void> {
    await this.send.execute(
      data.messageIds,
      { attemptsMade: attempt.attemptsMade, maxAttempts: DEFAULT_JOB_OPTIONS.attempts ?? 1 },
      { priority: attempt.priority ?? 0, stopping: attempt.stopping },
    );
  }
}
