import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { SendMessageUseCase } from '@porchlight/messaging';
import { DEFAULT_JOB_OPTIONS, Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.SendMessage)
export class SendMessageProcessor implements Handler<JobName.SendMessage> {
  constructor(private readonly send: SendMessageUseCase) {}

  async handle(data: JobPayloads[JobName.SendMessage], attempt: { attemptsMade: number }): Promise<void> {
    // A message that left a batch to be tried again brings the tries it had there.
    const attemptsMade = attempt.attemptsMade + (data.triesBefore ?? 0);
    await this.send.execute(data.messageId, { attemptsMade, maxAttempts: DEFAULT_JOB_OPTIONS.attempts ?? 1 });
  }
}
