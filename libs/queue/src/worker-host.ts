import { Logger } from '@nestjs/common';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { DelayedError, Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Handler, RetryLaterError } from './job-handler';
import { errorLog, settledWithin } from './redis';

export class HandlerRegistryError extends Error {}

/**
 * Checks that each job of the consumed queues has exactly one handler: a job nobody handles, or
 * one two handlers claim, stops the app at boot rather than at 5 a.m.
 */
export function buildHandlerMap(consumes: QueueName[], found: { name: JobName; handler: Handler<JobName>; owner: string }[]): Map<JobName, Handler<JobName>> {
  const map = new Map<JobName, Handler<JobName>>();
  const problems: string[] = [];
  for (const { name, handler, owner } of found) {
    if (!consumes.includes(JOB_QUEUE[name])) {
      problems.push(`${owner} handles ${name}, whose queue ${JOB_QUEUE[name]} this app does not consume`);
    } else if (map.has(name)) {
      problems.push(`${name} has two handlers (${owner} and another)`);
    } else {
      map.set(name, handler);
    }
  }
  for (const name of Object.values(JobName)) {
    if (consumes.includes(JOB_QUEUE[name]) && !map.has(name)) problems.push(`${name} has no handler`);
  }
  if (problems.length > 0) throw new HandlerRegistryError(`Job handlers are miswired: ${problems.join('; ')}`);
  return map;
}

export interface WorkerHostOptions {
  concurrency: number;
  prefix?: string;
  /** How long `close()` waits for jobs in hand before it stops the workers anyway. */
  shutdownGraceMs?: number;
  onOutcome?: (job: JobName, outcome: 'completed' | 'failed' | 'retry', seconds: number) => void;
}

/** Runs one BullMQ worker per consumed queue; each job runs inside its tenant's context. */
export class WorkerHost {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker<JobPayloads[JobName], void, JobName>[] = [];
  private readonly connections: IORedis[] = [];
  /** Set once `close()` is called: handlers may give back jobs they have not started. */
  private stopping = false;

  constructor(
    private readonly connectionFactory: () => IORedis,
    private readonly handlers: Map<JobName, Handler<JobName>>,
    private readonly options: WorkerHostOptions,
  ) {}

  start(queues: QueueName[]): void {
    for (const queue of queues) {
      const connection = this.connectionFactory();
      this.connections.push(connection);
      const worker = new Worker<JobPayloads[JobName], void, JobName>(queue, (job, token) => this.process(job, token), {
        connection,
        concurrency: this.options.concurrency,
        prefix: this.options.prefix,
        autorun: true,
      });
      worker.on('error', errorLog(this.logger, { msg: 'worker error', queue }));
      worker.on('failed', (job, error) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
          this.logger.error({ msg: 'job failed for good', queue, job: job.name, jobId: job.id, err: error.message });
        }
      });
      this.workers.push(worker);
    }
  }

  private async process(job: Job<JobPayloads[JobName], void, JobName>, token?: string): Promise<void> {
    const name = job.name;
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for ${job.name}`);
    const data = job.data as { tenantId: string; correlationId: string };
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      await TenantContext.run({ tenantId: data.tenantId, correlationId: data.correlationId }, () =>
        handler.handle(job.data, { attemptsMade: job.attemptsMade, jobId: job.id, priority: job.priority, stopping: () => this.stopping }),
      );
      this.options.onOutcome?.(name, 'completed', seconds());
    } catch (error) {
      if (error instanceof RetryLaterError && token) {
        this.options.onOutcome?.(name, 'retry', seconds());
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      this.options.onOutcome?.(name, 'failed', seconds());
      throw error;
    }
  }

  /**
   * Stops taking jobs and waits (up to the grace period) for the ones in hand to finish. Workers
   * close once set up on their connections (`settledWithin` says why); while Redis is away the
   * connections end first, as there is no job in hand to finish without Redis anyway.
   */
  async close(): Promise<void> {
    this.stopping = true;
    if (!(await settledWithin(this.workers, 2000))) {
      for (const connection of this.connections) connection.disconnect();
      await settledWithin(this.workers, 250);
    }
    const grace = this.options.shutdownGraceMs ?? 25_000;
    let timer: NodeJS.Timeout | undefined;
    const finished = Promise.all(this.workers.map((worker) => worker.close())).then(() => true);
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, grace);
    });
    const inTime = await Promise.race([finished, late]);
    clearTimeout(timer);
    if (!inTime) {
      this.logger.warn({ msg: 'jobs still running after the grace period; stopping anyway', graceMs: grace });
      await Promise.all(this.workers.map((worker) => worker.close(true)));
    }
  }
}
