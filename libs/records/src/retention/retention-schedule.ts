import { JobName, RETENTION_SCHEDULER_ID } from '@porchlight/contracts';
import { JobProducer } from '@porchlight/queue';

/**
 * Registers the daily retention sweep under its one scheduler id (`retention-daily`) on a cron
 * `pattern` in UTC. Every dispatcher calls this as it starts; BullMQ keeps one scheduler and one
 * next job for the id, so two processes starting together schedule the sweep once.
 */
export function scheduleRetention(jobs: JobProducer, pattern: string): Promise<void> {
  return jobs.schedule(RETENTION_SCHEDULER_ID, { pattern, tz: 'UTC' }, { name: JobName.ApplyRetention, data: { correlationId: 'retention' } });
}
