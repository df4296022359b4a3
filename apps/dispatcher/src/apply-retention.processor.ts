import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { Handler, JobHandler } from '@porchlight/queue';
import { RetentionUseCase } from '@porchlight/records';
import { UnrecoverableError } from 'bullmq';

/**
 * The daily sweep: every district under its own tenant context. A district that failed marks the
 * job failed (visible on the queue, named in the log) without retrying the whole sweep at once:
 * tomorrow's run takes it up again, and what is done stays done.
 */
@Injectable()
@JobHandler(JobName.ApplyRetention)
export class ApplyRetentionProcessor implements Handler<JobName.ApplyRetention> {
  constructor(private readonly retention: RetentionUseCase) {}

  async handle(data: JobPayloads[JobName.ApplyRetention]): Promise<void> {
    const { failed } = await this.retention.sweep(data.correlationId);
    if (failed.length > 0) throw new UnrecoverableError(`retention failed for ${String(failed.length)} tenant(s): ${failed.join(', ')}`);
  }
}
