import { freePort, waitFor, useIntegration } from '@porchlight/testing';
import IORedis from 'ioredis';
import { Heartbeat, workerStates } from './heartbeat';

describe('worker heartbeats in Redis', () => {
  const spec = useIntegration('heartbeat', { database: false });

  it('tells each worker app up, then down when its beats stop, and unknown when it never beat', async () => {
    expect(await workerStates(spec.redis, spec.prefix)).toEqual({ contacts: 'unknown', translation: 'unknown', dispatcher: 'unknown', delivery: 'unknown' });

    const heartbeat = new Heartbeat(spec.redis, spec.prefix, 'delivery');
    await heartbeat.beat();
    expect(await workerStates(spec.redis, spec.prefix)).toEqual({ contacts: 'unknown', translation: 'unknown', dispatcher: 'unknown', delivery: 'up' });

    // No beat within the staleness window: down.
    await waitFor('delivery down after 100 ms without a beat', async () => (await workerStates(spec.redis, spec.prefix, 100)).delivery === 'down', {
      timeoutMs: 10_000,
    });
    expect((await workerStates(spec.redis, spec.prefix, 100)).contacts).toBe('unknown');
    // One fresh instance is enough for up.
    await new Heartbeat(spec.redis, spec.prefix, 'delivery').beat();
    expect((await workerStates(spec.redis, spec.prefix, 100)).delivery).toBe('up');
  });

  it('beats on a timer until stopped', async () => {
    const heartbeat = new Heartbeat(spec.redis, spec.prefix, 'dispatcher', 50);
    heartbeat.start();
    try {
      const first = await waitFor(
        'a first beat',
        async () => Number((await spec.redis.zrange(`${spec.prefix}:heartbeat:dispatcher`, -1, -1, 'WITHSCORES'))[1]) || undefined,
      );
      await waitFor('a later beat', async () => Number((await spec.redis.zrange(`${spec.prefix}:heartbeat:dispatcher`, -1, -1, 'WITHSCORES'))[1]) > first);
    } finally {
      heartbeat.stop();
    }
  });

  it('reports every worker unknown when Redis cannot be read, and a beat then fails quietly', async () => {
    // Never connected, and refusing to queue commands: every command fails at once.
    const nowhere = new IORedis(`redis://127.0.0.1:${await freePort()}`, { enableOfflineQueue: false, lazyConnect: true });
    expect(await workerStates(nowhere, spec.prefix)).toEqual({ contacts: 'unknown', translation: 'unknown', dispatcher: 'unknown', delivery: 'unknown' });
    await expect(new Heartbeat(nowhere, spec.prefix, 'contacts').beat()).resolves.toBeUndefined();
    nowhere.disconnect();
  });
});
