import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppName, dropDatabase, freePort } from './stack';
import { databaseUrlFor, randomHex, randomSecretsKey, TEST_ADMIN_URL, TEST_REDIS_URL } from './test-env';
import { waitFor } from './wait-for';

const ROOT = resolve(__dirname, '../../..');
const DIST = ROOT.endsWith('dist') ? ROOT : join(ROOT, 'dist');

/** Porchlight as `npm start` runs it: `dist/tools/start.js` supervising every app. */
export interface Supervised {
  name: string;
  apiUrl: string;
  sandboxUrl: string;
  env: Record<string, string>;
  databaseUrl: string;
  process: ChildProcess;
  /** Everything it and its apps wrote so far. */
  output(): string;
  /** The supervisor's own lines, without the `supervisor: ` prefix. */
  lines(): string[];
  /** The pid of the app's latest start (its first process, `app.0`, when it runs several). */
  pid(app: AppName): number | undefined;
  /** The latest pid of each of the app's processes (`app`, or `app.0`, `app.1` …). */
  pids(app: AppName): number[];
  /** Resolves with the supervisor's exit code. */
  exited: Promise<number | null>;
  /** SIGTERM (graceful); resolves with the exit code. Drops the database. */
  stop(): Promise<number | null>;
  /** Two interrupts: every app is killed at once. Drops the database. */
  kill(): Promise<number | null>;
}

/** Each process of `app` (named `app` or `app.<i>` in the supervisor's lines) and the pid of its latest start. */
function latestPids(lines: string[], app: string): Map<string, number> {
  const pids = new Map<string, number>();
  const started = new RegExp(`^(${app.replace(/[-.]/g, '\\$&')}(?:\\.\\d+)?) started \\(pid (\\d+)\\)`);
  for (const line of lines) {
    const match = line.match(started);
    if (match) pids.set(match[1], Number(match[2]));
  }
  return pids;
}

/**
 * Starts `dist/tools/start.js` (build first) on a database, queue prefix and ports of its own and
 * waits for its "Porchlight is running" line, as a person running `npm start` would. Output goes to
 * `dist/test-logs/<name>/start.log` too.
 */
export async function startSupervised(name: string, overrides: Partial<Record<string, string>> = {}, { waitUntilRunning = true } = {}): Promise<Supervised> {
  const database = `porchlight_e2e_${name.replace(/[^a-z0-9]/g, '_')}_${randomHex(3)}`;
  const databaseUrl = databaseUrlFor(database);
  const ports: Record<string, number> = {};
  for (const app of ['api', 'sandbox', 'contacts', 'translation', 'dispatcher', 'delivery']) ports[app] = await freePort();
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: databaseUrl,
    DATABASE_ADMIN_URL: TEST_ADMIN_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `pl-${name}-${randomHex(3)}`,
    SECRETS_KEY: randomSecretsKey(),
    PLATFORM_ADMIN_TOKEN: `platform-${randomHex(16)}`,
    PORT: String(ports.api),
    PUBLIC_BASE_URL: apiUrl,
    SMS_SANDBOX_PORT: String(ports.sandbox),
    SMS_SANDBOX_URL: sandboxUrl,
    CONTACTS_HEALTH_PORT: String(ports.contacts),
    TRANSLATION_HEALTH_PORT: String(ports.translation),
    DISPATCHER_HEALTH_PORT: String(ports.dispatcher),
    DELIVERY_HEALTH_PORT: String(ports.delivery),
    LOG_LEVEL: 'info',
    ...(overrides as Record<string, string>),
  };
  const logDir = join(DIST, 'test-logs', name);
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'start.log'), { flags: 'a' });
  const child = spawn(process.execPath, [join(DIST, 'tools', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    log.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('supervisor: '))
      .map((line) => line.slice('supervisor: '.length));

  const supervised: Supervised = {
    name,
    apiUrl,
    sandboxUrl,
    env,
    databaseUrl,
    process: child,
    output: () => output,
    lines,
    pid(app) {
      return latestPids(lines(), app).get(app) ?? latestPids(lines(), app).get(`${app}.0`);
    },
    pids(app) {
      return [...latestPids(lines(), app).values()];
    },
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return finished();
    },
    async kill() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        // The second interrupt must arrive after the first was taken, or the two could count as one.
        await waitFor(
          'the supervisor to take the first interrupt',
          () => child.exitCode !== null || lines().some((line) => line.startsWith('SIGINT: stopping')),
          {
            timeoutMs: 30_000,
          },
        ).catch(() => undefined);
        if (child.exitCode === null) child.kill('SIGINT');
      }
      return finished();
    },
  };
  const finished = async () => {
    const code = await exited;
    log.end();
    await dropDatabase(database);
    return code;
  };
  if (waitUntilRunning) {
    try {
      await waitFor(
        `${name}: "Porchlight is running" (see ${logDir}/start.log)`,
        () => {
          if (child.exitCode !== null) throw new Error(`start.js exited with ${child.exitCode}`);
          return output.includes('Porchlight is running');
        },
        { timeoutMs: 180_000, intervalMs: 100 },
      );
    } catch (error) {
      await supervised.kill().catch(() => undefined);
      throw error;
    }
  }
  return supervised;
}
