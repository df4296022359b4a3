import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';
import { Handler, JobHandler } from '@porchlight/queue';
import { RetentionUseCase } from '@porchlight/records';

/** The daily sweep: every district under its own tenant context; a district that failed makes the job retry (what is done stays done). */
@Injectable()
@JobHandler(JobName.ApplyRetention)
export class ApplyRetentionProcessor implements Handler<JobName.ApplyRetention> {
  constructor(private readonly retention: RetentionUseCase) {}

  async handle(data: JobPayloads[JobName.ApplyRetention]): Promise<void> {
    const { failed } = await this.retention.sweep(data.correlationId);
    if (failed.length > 0) throw new Error(`retention failed for ${failed.length} tenant(s); retrying`);
  }
}
