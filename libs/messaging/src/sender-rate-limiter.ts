import { Inject, Injectable } from '@nestjs/common';
import { PRODUCER_REDIS, QUEUE_PREFIX } from '@porchlight/queue';
import IORedis from 'ioredis';

/**
 * Per-sender throughput, counted in segments per second (a long code sends 1 segment/s, toll-free
 * 3, a short code 100, a 10DLC number what its campaign allows). A fixed one-second window in
 * Redis, shared by every delivery worker; the caller waits the returned milliseconds.
 */
const SCRIPT = `
local now
if ARGV[3] then
  now = tonumber(ARGV[3])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local key = KEYS[1] .. ':' .. math.floor(now / 1000)
local used = tonumber(redis.call('GET', key) or '0')
local want = tonumber(ARGV[1])
if used > 0 and used + want > tonumber(ARGV[2]) then
  return 1000 - (now % 1000)
end
redis.call('INCRBY', key, want)
redis.call('PEXPIRE', key, 2000)
return 0`;

@Injectable()
export class SenderRateLimiter {
  /** `prefix`: the queue module's QUEUE_PREFIX, so apps sharing a Redis keep their counts apart. */
  constructor(
    @Inject(PRODUCER_REDIS) private readonly redis: IORedis,
    @Inject(QUEUE_PREFIX) private readonly prefix: string,
  ) {}

  /**
   * 0 when `segments` may go now; otherwise how many milliseconds to wait before trying again.
   * The clock is Redis's, shared by every worker; `atMs` pins it (for specs).
   */
  async acquire(sender: string, segments: number, perSecond: number, atMs?: number): Promise<number> {
    const args = [String(segments), String(perSecond), ...(atMs !== undefined ? [String(atMs)] : [])];
    const wait = await this.redis.eval(SCRIPT, 1, `${this.prefix}:rate:${sender}`, ...args);
    return Number(wait);
  }
}
