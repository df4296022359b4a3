import { SetMetadata } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';

export const JOB_HANDLER = Symbol('porchlight:job-handler');

/** A class that handles exactly one job name; its app's worker finds it at boot. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface Handler<N extends JobName> {
  handle(data: JobPayloads[N], attempt: { attemptsMade: number; jobId?: string }): Promise<void>;
}

/** Thrown by a handler that wants its job tried again after `delayMs` without counting as a failure. */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
  }
}
