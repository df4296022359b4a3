import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { Handler, JobHandler } from '@porchlight/queue';
import { TranslateReplyUseCase } from '@porchlight/messaging';

@Injectable()
@JobHandler(JobName.TranslateReply)
export class TranslateReplyProcessor implements Handler<JobName.TranslateReply> {
  constructor(private readonly translate: TranslateReplyUseCase) {}

  async handle(data: JobPayloads[JobName.TranslateReply]): Promise<void> {
    await this.translate.execute(data.messageId);
  }
}
