import IORedis, { RedisOptions } from 'ioredis';

/** Producers fail fast when Redis is down instead of buffering commands in memory. */
export function producerConnection(url: string): IORedis {
  return new IORedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 3, lazyConnect: false } as RedisOptions);
}

/** Workers block on Redis and must never give up on a command. */
export function workerConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null } as RedisOptions);
}
