import { JobName, QueueName, RETENTION_SCHEDULER_ID } from '@porchlight/contracts';
import { JobProducer, producerConnection } from '@porchlight/queue';
import { TEST_REDIS_URL, useIntegration } from '@porchlight/testing';
import IORedis from 'ioredis';
import { RetentionScheduleService } from './retention-schedule.service';

describe('The daily retention sweep is scheduled once, however many dispatchers start (Redis)', () => {
  const spec = useIntegration('retention-schedule', { database: false });
  const connections: IORedis[] = [];
  const producers: JobProducer[] = [];

  /** One dispatcher's producer, on its own connection, as a separate process would have. */
  const dispatcher = () => {
    const connection = producerConnection(TEST_REDIS_URL);
    const producer = new JobProducer(connection, spec.prefix);
    connections.push(connection);
    producers.push(producer);
    return producer;
  };

  spec.onTeardown(async () => {
    await Promise.all(producers.map((p) => p.close()));
    for (const connection of connections) connection.disconnect();
  });

  it('keeps one scheduler and one next job when two dispatchers start at once, and again when one restarts', async () => {
    const first = new RetentionScheduleService(dispatcher(), '17 3 * * *');
    const second = new RetentionScheduleService(dispatcher(), '17 3 * * *');
    first.onApplicationBootstrap();
    second.onApplicationBootstrap();
    await Promise.all([first.scheduled, second.scheduled]);
    const queue = producers[0].queue(QueueName.Dispatch);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([[RETENTION_SCHEDULER_ID, '17 3 * * *', 'UTC']]);
    const delayed = await queue.getDelayed();
    expect(delayed.map((job) => [job.name, job.data])).toEqual([[JobName.ApplyRetention, { correlationId: 'retention' }]]);
    const next = new Date(schedulers[0].next as number);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([3, 17]);

    // A restart with another time moves the one sweep rather than adding a second.
    const restarted = new RetentionScheduleService(dispatcher(), '45 2 * * *');
    restarted.onApplicationBootstrap();
    await restarted.scheduled;
    expect((await queue.getJobSchedulers()).map((s) => [s.key, s.pattern])).toEqual([[RETENTION_SCHEDULER_ID, '45 2 * * *']]);
    expect(await queue.getDelayedCount()).toBe(1);
    for (const service of [first, second, restarted]) service.onApplicationShutdown();
  });
});
