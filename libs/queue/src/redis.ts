import IORedis, { RedisOptions } from 'ioredis';

/** Producers fail fast when Redis is down instead of buffering commands in memory. */
export function producerConnection(url: string): IORedis {
  return new IORedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 3, lazyConnect: false } as RedisOptions);
}

/** Workers block on Redis and must never give up on a command. */
export function workerConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null } as RedisOptions);
}

/**
 * Resolves once `connection` is ready, or rejects after `timeoutMs`: a producer connection refuses
 * commands until then (no offline queue), and the first request after boot may come sooner.
 */
export function whenReady(connection: IORedis, timeoutMs = 2000): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      connection.off('ready', onReady);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => done();
    const timer = setTimeout(() => done(new Error('Redis is not ready')), timeoutMs);
    connection.on('ready', onReady);
  });
}
