import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { setupDatabase } from '../../database/src/setup/setup';
import { databaseUrlFor, randomHex, randomSecretsKey, TEST_ADMIN_URL, TEST_REDIS_URL } from './test-env';
import { waitFor } from './wait-for';

export const APPS = ['api', 'contacts', 'translation', 'dispatcher', 'delivery'] as const;
export type AppName = (typeof APPS)[number] | 'sms-sandbox';

const ROOT = resolve(__dirname, '../../..');
const DIST = ROOT.endsWith('dist') ? ROOT : join(ROOT, 'dist');

const handedOut = new Set<number>();

/**
 * The ports the system gives outgoing connections (and `listen(0)`): a port picked there and
 * released can be taken by any process's next connection to Postgres or Redis before the app
 * binds it, which on a busy machine made a worker fail to bind its health port again and again.
 */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low > 0 && high >= low) return [low, high];
  } catch {
    // not Linux: the IANA dynamic range
  }
  return [49152, 65535];
}

const [EPHEMERAL_LOW, EPHEMERAL_HIGH] = ephemeralRange();
const PORT_POOL: [number, number] = EPHEMERAL_LOW > 20_000 ? [10_000, EPHEMERAL_LOW - 1] : [EPHEMERAL_HIGH + 1, 65_535];

/**
 * A port nobody listens on, outside the system's ephemeral range (so no outgoing connection takes
 * it before the app binds it), chosen at random (so jest's worker processes do not pick the same
 * one) and not handed out by this process before.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = PORT_POOL[0] + Math.floor(Math.random() * (PORT_POOL[1] - PORT_POOL[0] + 1));
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolveBindable) => {
    const server = createServer();
    server.once('error', () => resolveBindable(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveBindable(true)));
  });
}

export interface Stack {
  name: string;
  apiUrl: string;
  sandboxUrl: string;
  env: Record<string, string>;
  databaseUrl: string;
  logDir: string;
  processes: Map<AppName, ChildProcess>;
  ports: Record<AppName, number>;
  start(app: AppName): Promise<void>;
  kill(app: AppName, signal?: NodeJS.Signals): Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Boots the built apps (`npm run build`) as separate processes, each stack on its own database and
 * queue prefix so stacks can run side by side. Logs go to `dist/test-logs/<name>/<app>.log`.
 */
export async function startStack(name: string, overrides: Partial<Record<string, string>> = {}): Promise<Stack> {
  const database = `porchlight_e2e_${name.replace(/[^a-z0-9]/g, '_')}_${randomHex(3)}`;
  const databaseUrl = databaseUrlFor(database);
  await setupDatabase({ databaseUrl, adminUrl: TEST_ADMIN_URL });
  const ports = {} as Record<AppName, number>;
  for (const app of [...APPS, 'sms-sandbox'] as AppName[]) ports[app] = await freePort();
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const sandboxUrl = `http://127.0.0.1:${ports['sms-sandbox']}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `pl-${name}-${randomHex(3)}`,
    SECRETS_KEY: randomSecretsKey(),
    PLATFORM_ADMIN_TOKEN: `platform-${randomHex(16)}`,
    PUBLIC_BASE_URL: apiUrl,
    SMS_SANDBOX_URL: sandboxUrl,
    RECONCILE_INTERVAL_SECONDS: '2',
    // Specs run their engines on loopback over plain http, as an operator's in-cluster LibreTranslate.
    PROVIDER_HOST_ALLOWLIST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    ...(overrides as Record<string, string>),
  };
  const logDir = join(DIST, 'test-logs', name);
  mkdirSync(logDir, { recursive: true });
  const processes = new Map<AppName, ChildProcess>();

  const start = async (app: AppName) => {
    const portEnv =
      app === 'api' ? { PORT: String(ports.api) } : app === 'sms-sandbox' ? { SMS_SANDBOX_PORT: String(ports[app]) } : { HEALTH_PORT: String(ports[app]) };
    // STACK_NODE_ARGS: extra node flags for every app, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` when profiling.
    const nodeArgs = (process.env.STACK_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, join(DIST, 'apps', app, 'src', 'main.js')], {
      env: { ...env, ...portEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(logDir, `${app}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    processes.set(app, child);
    const url = `http://127.0.0.1:${ports[app]}${app === 'sms-sandbox' ? '/health' : '/health/ready'}`;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`${name}/${app} exited with ${signal ?? code} (see ${logDir}/${app}.log)`))),
    );
    exited.catch(() => undefined);
    // Generous: several stacks booting at once on a busy machine take their time; an app that exits fails at once.
    await Promise.race([
      waitFor(`${name}/${app} to be ready (see ${logDir}/${app}.log)`, async () => (await fetch(url)).ok, { timeoutMs: 180_000, intervalMs: 100 }),
      exited,
    ]);
  };

  const kill = (app: AppName, signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<number | null>((resolveExit) => {
      const child = processes.get(app);
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolveExit(child?.exitCode ?? null);
      child.once('exit', (code) => resolveExit(code));
      child.kill(signal);
    });

  try {
    await start('sms-sandbox');
    await Promise.all(APPS.map((app) => start(app)));
  } catch (error) {
    for (const child of processes.values()) child.kill('SIGKILL');
    await dropDatabase(database).catch(() => undefined);
    throw error;
  }

  return {
    name,
    apiUrl,
    sandboxUrl,
    env,
    databaseUrl,
    logDir,
    processes,
    ports,
    start,
    kill,
    async stop() {
      await Promise.all([...processes.keys()].map((app) => kill(app, 'SIGTERM')));
      await dropDatabase(database);
    },
  };
}

/** Drops an end-to-end stack's database, whoever is still connected to it. */
export async function dropDatabase(database: string): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${database.replace(/"/g, '""')}" with (force)`);
  } finally {
    await admin.end();
  }
}
