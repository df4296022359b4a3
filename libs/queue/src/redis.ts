import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';

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

/**
 * An `'error'` listener that logs each distinct message once per `quietMs`: while Redis is away,
 * BullMQ reports the same failure at every reconnection attempt, several times a second.
 */
export function errorLog(logger: Logger, fields: Record<string, unknown>, quietMs = 60_000): (error: Error) => void {
  const last = new Map<string, number>();
  return (error) => {
    const now = Date.now();
    if (now - (last.get(error.message) ?? -Infinity) < quietMs) return;
    if (last.size > 100) last.clear();
    last.set(error.message, now);
    logger.error({ ...fields, err: error.message });
  };
}

/** Producers fail fast when Redis is down instead of buffering commands in memory. */
export function producerConnection(url: string): IORedis {
  return watched(new IORedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 3, lazyConnect: false }), 'producer');
}

/** Workers block on Redis and must never give up on a command. */
export function workerConnection(url: string): IORedis {
  return watched(new IORedis(url, { maxRetriesPerRequest: null }), 'worker');
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
    const onReady = () => {
      done();
    };
    const timer = setTimeout(() => {
      done(new Error('Redis is not ready'));
    }, timeoutMs);
    connection.on('ready', onReady);
  });
}

/** A BullMQ queue or worker: each sets itself up on its connection (a first INFO) when built. */
export interface SettingUp {
  waitUntilReady(): Promise<unknown>;
}

/**
 * Waits until each BullMQ object has set itself up, or `timeoutMs`; whether all did. BullMQ drops an
 * object's listeners when it closes, and a set-up still in flight that fails afterwards (its
 * connection ended) is thrown with nobody listening: close them only once this is true, or end
 * their connection first and wait again, so the failures reach listeners.
 */
export async function settledWithin(objects: SettingUp[], timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = Promise.allSettled(objects.map((object) => object.waitUntilReady())).then((results) =>
    results.every((result) => result.status === 'fulfilled'),
  );
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
