import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { ProcessInboundUseCase } from '@porchlight/messaging';
import { Handler, JobHandler } from '@porchlight/queue';

@Injectable()
@JobHandler(JobName.ProcessInbound)
export class ProcessInboundProcessor implements Handler<JobName.ProcessInbound> {
  constructor(private readonly inbound: ProcessInboundUseCase) {}

  async handle(data: JobPayloads[JobName.ProcessInbound]): Promise<void> {
    await this.inbound.execute(data.messageId);
  }
}
