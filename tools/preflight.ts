/**
 * Before `npm start` prepares anything: are Postgres and Redis there? A service that is not
 * reachable stops Porchlight within seconds with one line naming the URL tried (without its
 * password) and how to start that service, instead of a stack trace or a minute of retries.
 */
import IORedis from 'ioredis';
import { Client } from 'pg';

const TIMEOUT_MS = 3000;

/** Network failures that mean "nothing listens there" (or nothing answers): the service is not running. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

const HOW_TO_START: Record<'postgres' | 'redis', string> = {
  postgres:
    'start it — Debian/Ubuntu: `sudo systemctl start postgresql` (not installed: `sudo apt-get install postgresql`); macOS: `brew services start postgresql`; Docker: `docker compose up -d postgres` — or set DATABASE_ADMIN_URL to where it runs',
  redis:
    'start it — Debian/Ubuntu: `sudo systemctl start redis-server` (not installed: `sudo apt-get install redis-server`); macOS: `brew services start redis`; Docker: `docker compose up -d redis` — or set REDIS_URL to where it runs',
};

/** The URL as it may be printed: any password replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return '(an unreadable URL)';
  }
}

function errorCode(error: unknown): string | undefined {
  const { code, errors } = error as { code?: string; errors?: { code?: string }[] };
  return code ?? errors?.find((e) => e.code)?.code;
}

/** Why `service` at `url` cannot be used, in one line, or undefined when it answers. */
export function explain(service: 'postgres' | 'redis', url: string, error: unknown): string {
  const name = service === 'postgres' ? 'Postgres' : 'Redis';
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code && UNREACHABLE.has(code)) return `${name} is not reachable at ${withoutPassword(url)} (${code}): ${HOW_TO_START[service]}.`;
  if (/timed? ?out/i.test(message)) return `${name} did not answer at ${withoutPassword(url)} within ${TIMEOUT_MS / 1000} s: ${HOW_TO_START[service]}.`;
  return `${name} at ${withoutPassword(url)} refused Porchlight: ${message.split('\n')[0]}.`;
}

export async function checkPostgres(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  // A connection that fails later must not crash the check.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    // The server answers; the database is simply not made yet (setup makes it).
    if (errorCode(error) === '3D000') return undefined;
    return explain('postgres', url, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(url: string): Promise<string | undefined> {
  const redis = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let last: unknown;
  redis.on('error', (error) => {
    last = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return explain('redis', url, last ?? error);
  } finally {
    redis.disconnect();
  }
}

/** Both services, at once; the lines of those that cannot be used. */
export async function preflight(urls: { postgres: string; redis: string }): Promise<string[]> {
  const found = await Promise.all([checkPostgres(urls.postgres), checkRedis(urls.redis)]);
  return found.filter((line): line is string => line !== undefined);
}
