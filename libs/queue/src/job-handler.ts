import { SetMetadata } from '@nestjs/common';
import { JobName, JobPayloads } from '@porchlight/contracts';

export const JOB_HANDLER = Symbol('porchlight:job-handler');

/** A class that handles exactly one job name; its app's worker finds it at boot. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

/** What a handler is told of its job's run besides the payload. */
export interface JobAttempt {
  attemptsMade: number;
  jobId?: string;
  /** The job's BullMQ priority (0, the first, for a job without one). */
  priority?: number;
  /**
   * Whether the worker has been told to stop: a job that has not started its work yet may give it
   * back (throw `RetryLaterError` with no delay) instead of starting it during the shutdown.
   */
  stopping?: () => boolean;
}

export interface Handler<N extends JobName> {
  handle(data: JobPayloads[N], attempt: JobAttempt): Promise<void>;
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
