import { Logger } from '@nestjs/common';
import IORedis, { RedisOptions } from 'ioredis';

const logger = new Logger('Redis');

/**
 * Every connection listens for `'error'`: ioredis reconnects by itself, and an outage is logged
 * once when it starts and once when the connection is back, not at every reconnection attempt.
 */
export function watched(redis: IORedis, role: string): IORedis {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ msg: 'Redis connection lost; reconnecting', role, err: error.message });
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log({ msg: 'Redis connection back', role });
  });
  return redis;
}

/** Producers fail fast when Redis is down instead of buffering commands in memory. */
export function producerConnection(url: string): IORedis {
  return watched(new IORedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 3, lazyConnect: false } as RedisOptions), 'producer');
}

/** Workers block on Redis and must never give up on a command. */
export function workerConnection(url: string): IORedis {
  return watched(new IORedis(url, { maxRetriesPerRequest: null } as RedisOptions), 'worker');
}
