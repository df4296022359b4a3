import { AnyJob, JOB_QUEUE, JobName, messagePriority, priorityOption, QueueName } from '@porchlight/contracts';
import { JobProducer, producerConnection } from '@porchlight/queue';
import { randomHex, TEST_REDIS_URL } from '@porchlight/testing';
import IORedis from 'ioredis';
import { join } from 'node:path';
import { kustomize } from './kustomize';

/**
 * What KEDA's redis scaler reports for a key: the length of a list, the cardinality of a sorted
 * set (and of a set or hash), zero when the key is missing. It picks the command by the key's type.
 */
const SCALER_LENGTH = `
local kind = redis.call('type', KEYS[1]).ok
if kind == 'zset' then return redis.call('zcard', KEYS[1]) end
if kind == 'set' then return redis.call('scard', KEYS[1]) end
if kind == 'hash' then return redis.call('hlen', KEYS[1]) end
return redis.call('llen', KEYS[1])`;

describe('The keys the ScaledObjects watch hold the jobs waiting in BullMQ (Redis)', () => {
  const prefix = `spec-keda-${randomHex(4)}`;
  const connection = producerConnection(TEST_REDIS_URL);
  const producer = new JobProducer(connection, prefix);
  const redis = new IORedis(TEST_REDIS_URL);

  afterAll(async () => {
    await producer.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    connection.disconnect();
  });

  it('counts emergencies in <prefix>:<queue>:wait, every prioritised job in <prefix>:<queue>:prioritized, and no delayed job', async () => {
    const objects = kustomize(join(__dirname, 'overlays', 'medium'));
    const queuePrefix = (objects.find((o) => o.metadata.name === 'porchlight-config')!.data as Record<string, string>).QUEUE_PREFIX;
    const triggers = objects
      .filter((o) => o.kind === 'ScaledObject')
      .flatMap((o) => (o.spec as { triggers: { metadata: { listName: string } }[] }).triggers.map((t) => t.metadata.listName));
    expect(triggers.length).toBeGreaterThan(0);

    // In every queue a trigger watches: two jobs without a priority (as an emergency's messages
    // are), three with one (as every other message is), one delayed (quiet hours, a retry).
    const queues = [...new Set(triggers.map((key) => key.split(':').at(-2) as QueueName))];
    for (const queue of queues) {
      const name = (Object.keys(JOB_QUEUE) as JobName[]).find((job) => JOB_QUEUE[job] === queue)!;
      const job = (n: number) =>
        ({ name, data: { tenantId: randomHex(8), correlationId: 'keda', messageId: `${n}`, noticeId: `${n}`, importId: `${n}` } }) as unknown as AnyJob;
      const jobs = [
        { job: job(1), options: { jobId: `${queue}-1`, ...priorityOption(messagePriority('emergency', 0)) } },
        { job: job(2), options: { jobId: `${queue}-2`, ...priorityOption(messagePriority('emergency', 0)) } },
        { job: job(3), options: { jobId: `${queue}-3`, ...priorityOption(messagePriority('urgent', 0)) } },
        { job: job(4), options: { jobId: `${queue}-4`, ...priorityOption(messagePriority('normal', 0)) } },
        { job: job(5), options: { jobId: `${queue}-5`, ...priorityOption(messagePriority('normal', 250_000)) } },
        { job: job(6), options: { jobId: `${queue}-6`, ...priorityOption(messagePriority('normal', 0)), delay: 3_600_000 } },
      ];
      await producer.enqueueBulk(jobs);
      const counts = await producer.queue(queue).getJobCounts('wait', 'prioritized', 'delayed');
      expect([queue, counts]).toEqual([queue, { wait: 2, prioritized: 3, delayed: 1 }]);
    }

    for (const key of triggers) {
      expect(key.startsWith(`${queuePrefix}:`)).toBe(true);
      const watched = `${prefix}:${key.slice(queuePrefix.length + 1)}`;
      const length = Number(await redis.eval(SCALER_LENGTH, 1, watched));
      expect([key, length]).toEqual([key, key.endsWith(':wait') ? 2 : 3]);
    }
  });
});
