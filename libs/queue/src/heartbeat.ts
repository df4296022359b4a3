import { hostname } from 'node:os';
import IORedis from 'ioredis';

/** The apps that run workers, as `/health/ready` of the API reports them. */
export const WORKER_APPS = ['contacts', 'translation', 'dispatcher', 'delivery'] as const;
export type WorkerApp = (typeof WORKER_APPS)[number];

/** `up`: an instance beat recently; `down`: the last beat is too old; `unknown`: none seen, or Redis unreadable. */
export type WorkerState = 'up' | 'down' | 'unknown';

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** Three missed beats make a worker `down`. */
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_INTERVAL_MS;
/** Instances silent this long (replaced pods, restarted processes) are forgotten. */
const FORGET_MS = 24 * 3600_000;

/**
 * One sorted set per app under the queue prefix, scored by each instance's last beat on Redis's
 * clock (hosts' clocks may disagree), so the API reads the workers' state wherever they run.
 */
const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return now`;

const LAST_BEATS = `
local t = redis.call('TIME')
local out = { tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) }
for i, key in ipairs(KEYS) do
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  out[i + 1] = last[2] or ''
end
return out`;

const heartbeatKey = (prefix: string, app: string) => `${prefix}:heartbeat:${app}`;

/** A worker app's heartbeat: one beat at start, then every `intervalMs` until `stop()`. */
export class Heartbeat {
  private timer?: NodeJS.Timeout;
  private readonly instance = `${hostname()}:${String(process.pid)}`;

  constructor(
    private readonly redis: IORedis,
    private readonly prefix: string,
    private readonly app: string,
    private readonly intervalMs = HEARTBEAT_INTERVAL_MS,
  ) {}

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A beat that cannot reach Redis is skipped: the next one tries again. */
  async beat(): Promise<void> {
    await this.redis.eval(BEAT, 1, heartbeatKey(this.prefix, this.app), this.instance, String(FORGET_MS)).catch(() => undefined);
  }
}

/** Each worker app's state from its heartbeats; every app `unknown` when Redis cannot be read. */
export async function workerStates(redis: IORedis, prefix: string, staleMs = HEARTBEAT_STALE_MS): Promise<Record<WorkerApp, WorkerState>> {
  const states = Object.fromEntries(WORKER_APPS.map((app) => [app, 'unknown'])) as Record<WorkerApp, WorkerState>;
  try {
    const [now, ...last] = (await redis.eval(LAST_BEATS, WORKER_APPS.length, ...WORKER_APPS.map((app) => heartbeatKey(prefix, app)))) as (number | string)[];
    WORKER_APPS.forEach((app, i) => {
      if (last[i] !== '') states[app] = Number(now) - Number(last[i]) <= staleMs ? 'up' : 'down';
    });
  } catch {
    // Redis unreachable: readiness reports that; the workers' state is simply not known.
  }
  return states;
}
