import { Logger } from '@nestjs/common';
import { AnyJob, JOB_QUEUE, QueueName } from '@porchlight/contracts';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { BuiltJob, buildJob, EnqueueOptions, JobRequest } from './job-factory';
import { errorLog, settledWithin } from './redis';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { count: 10_000 },
};

/** The typed way to enqueue: only members of the job union, on the queue the contract names. */
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: IORedis,
    private readonly prefix?: string,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', errorLog(this.logger, { msg: 'queue error', queue: name }));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Builds the job (`buildJob`: payload, id, options) and enqueues it on the queue the contract names. */
  async add(request: JobRequest): Promise<void> {
    const { job, options } = buildJob(request);
    await this.queue(JOB_QUEUE[job.name]).add(job.name, job.data, { ...options });
  }

  /** Builds and adds many jobs with one round trip per queue and chunk. */
  async addBulk(requests: JobRequest[], chunkSize = 1000): Promise<void> {
    await this.enqueueBulk(requests.map(buildJob), chunkSize);
  }

  /** @deprecated Jobs are built in one place: call `add` with a request, or `enqueueBulk` with what `buildJob` returned. */
  async enqueue(job: AnyJob, options: EnqueueOptions): Promise<void> {
    await this.queue(JOB_QUEUE[job.name]).add(job.name, job.data, { ...options });
  }

  /** Adds jobs `buildJob` made with one round trip per queue and chunk (the reconciler builds first, to revive their ids). */
  async enqueueBulk(jobs: BuiltJob[], chunkSize = 1000): Promise<void> {
    const byQueue = new Map<QueueName, BuiltJob[]>();
    for (const entry of jobs) {
      const name = JOB_QUEUE[entry.job.name];
      const list = byQueue.get(name) ?? [];
      list.push(entry);
      byQueue.set(name, list);
    }
    for (const [name, entries] of byQueue) {
      for (let i = 0; i < entries.length; i += chunkSize) {
        await this.queue(name).addBulk(entries.slice(i, i + chunkSize).map(({ job, options }) => ({ name: job.name, data: job.data, opts: options })));
      }
    }
  }

  /**
   * A job repeated on a cron `pattern` under a fixed scheduler id. Every process may call this when
   * it starts: BullMQ upserts the scheduler by its id, so Redis keeps one scheduler and one next
   * job however many processes ask.
   */
  async schedule(schedulerId: string, repeat: { pattern: string; tz?: string }, job: AnyJob): Promise<void> {
    await this.queue(JOB_QUEUE[job.name]).upsertJobScheduler(schedulerId, repeat, { name: job.name, data: job.data, opts: DEFAULT_JOB_OPTIONS });
  }

  /**
   * Which of these job ids are still alive in `queue` (waiting, prioritized, delayed or active), in
   * one pipeline. A job that failed for good does not count: `revive` clears it so the same id can
   * be enqueued again.
   */
  async existing(name: QueueName, jobIds: string[]): Promise<Set<string>> {
    if (jobIds.length === 0) return new Set();
    const queue = this.queue(name);
    const pipeline = this.connection.pipeline();
    for (const id of jobIds) {
      pipeline.exists(queue.toKey(id));
      pipeline.zscore(queue.toKey('failed'), id);
    }
    const results = (await pipeline.exec()) ?? [];
    return new Set(jobIds.filter((_, i) => results[2 * i]?.[1] === 1 && results[2 * i + 1]?.[1] === null));
  }

  /**
   * Whether a worker holds any of these jobs right now: an active job's lock lives in Redis while
   * its worker renews it, and expires when the worker dies (BullMQ's `lockDuration`). A job merely
   * `active` in the lists may belong to a worker killed a moment ago; a held lock never does.
   */
  async anyHeld(name: QueueName, jobIds: string[]): Promise<boolean> {
    if (jobIds.length === 0) return false;
    const queue = this.queue(name);
    return (await this.connection.exists(...jobIds.map((id) => `${queue.toKey(id)}:lock`))) > 0;
  }

  /** Removes failed leftovers of these job ids (if any), so enqueueing them again is not a no-op. */
  async revive(name: QueueName, jobIds: string[]): Promise<void> {
    if (jobIds.length === 0) return;
    const queue = this.queue(name);
    const pipeline = this.connection.pipeline();
    for (const id of jobIds) pipeline.zscore(queue.toKey('failed'), id);
    const results = (await pipeline.exec()) ?? [];
    const failed = jobIds.filter((_, i) => results[i]?.[1] !== null && results[i]?.[1] !== undefined);
    for (const id of failed) await queue.remove(id);
  }

  /**
   * Closes the queues once each has set itself up on the connection (`settledWithin` says why).
   * While Redis is away none does: the connection then ends first, so the unfinished set-ups fail
   * into the queues' own listeners before they close (a connection between two reconnection
   * attempts ends without a word, and its set-ups never settle: nothing is thrown then either).
   */
  async close(setUpWithinMs = 2000): Promise<void> {
    const queues = [...this.queues.values()];
    if (!(await settledWithin(queues, setUpWithinMs))) {
      this.connection.disconnect();
      await settledWithin(queues, 250);
    }
    await Promise.all(queues.map((queue) => queue.close()));
  }
}
