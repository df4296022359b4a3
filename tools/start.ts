/**
 * `npm start` / `npm run demo`: prepares the database, then runs every app as its own process and
 * keeps them running: an app that exits is started again after a growing delay while the others
 * serve on; a crash loop, or SIGINT/SIGTERM, stops them all (a second Ctrl-C at once). With
 * `--demo` it first makes (and keeps, in `.porchlight/demo.env`) the secrets a demo needs and
 * seeds a demo district.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadEnvOrExit, SupervisorEnv } from '../libs/config/src';
import { setupDatabase } from '../libs/database/src/setup/setup';
import { seedDemo } from './demo-seed';
import { preflight } from './preflight';
import { DEFAULT_RESTART_POLICY } from './restart-policy';
import { appSpecs, defaultWorkers } from './app-specs';
import { Supervisor } from './supervisor';

const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const demo = process.argv.includes('--demo');

function demoSecrets(): Record<string, string> {
  const dir = process.env.DEMO_STATE_DIR ?? join(ROOT, '.porchlight');
  const file = join(dir, 'demo.env');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      file,
      [
        `SECRETS_KEY=${randomBytes(32).toString('base64')}`,
        `PLATFORM_ADMIN_TOKEN=demo-${randomBytes(16).toString('hex')}`,
        `DEMO_ADMIN_PASSWORD=demo-${randomBytes(6).toString('hex')}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  }
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

const log = (line: string) => console.log(`supervisor: ${line}`);

/** Waits until `url` answers 2xx, however long the apps take (each restarted as often as it needs), unless Porchlight stops. */
async function waitReady(url: string, supervisor: Supervisor): Promise<boolean> {
  for (let tries = 1; !supervisor.stopped; tries++) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    if (tries % 600 === 0) log(`still waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...(demo ? demoSecrets() : {}), ...process.env };
  const settings = loadEnvOrExit(SupervisorEnv);
  const specs = appSpecs(env, settings.WORKERS ?? defaultWorkers(availableParallelism()), DIST);
  const databaseUrl = env.DATABASE_URL ?? 'postgres://porchlight_app:porchlight_app@127.0.0.1:5432/porchlight';
  const adminUrl = env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/porchlight';
  // Nothing starts without Postgres and Redis: say so in a line each, at once.
  const missing = await preflight({ postgres: adminUrl, redis: env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  if (missing.length > 0) {
    for (const line of missing) console.error(`setup: ${line}`);
    process.exit(1);
  }
  await setupDatabase({ databaseUrl, adminUrl, log: (line) => console.log(`setup: ${line}`) });
  console.log('setup: database ready');

  const supervisor = new Supervisor({
    policy: {
      ...DEFAULT_RESTART_POLICY,
      maxDelayMs: settings.RESTART_DELAY_MAX_SECONDS * 1000,
      crashLoopExits: settings.CRASH_LOOP_EXITS,
      crashLoopWindowMs: settings.CRASH_LOOP_SECONDS * 1000,
    },
    stopGraceMs: (settings.SHUTDOWN_GRACE_SECONDS + 10) * 1000,
    log,
  });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals === 1) {
      log(
        `${signal}: stopping every app (each finishes the jobs in hand, up to ${settings.SHUTDOWN_GRACE_SECONDS} s; ${signal === 'SIGINT' ? 'Ctrl-C again' : 'a second signal'} stops at once)`,
      );
      void supervisor.stop(0);
    } else {
      log(`${signal} again: killing every app now`);
      void supervisor.kill(1);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void supervisor.finished.then((code) => {
    log(code === 0 ? 'every app stopped' : 'Porchlight stopped');
    process.exit(code);
  });

  supervisor.start(specs);

  const port = env.PORT ?? '3000';
  const apiUrl = `http://127.0.0.1:${port}`;
  const sandboxUrl = env.SMS_SANDBOX_URL ?? `http://127.0.0.1:${env.SMS_SANDBOX_PORT ?? '4010'}`;
  if (!(await waitReady(`${apiUrl}/health/ready`, supervisor)) || !(await waitReady(`${sandboxUrl}/health`, supervisor))) return;
  if (!demo) {
    console.log(`Porchlight is running: portal ${apiUrl}/, API ${apiUrl}/api/v1, docs ${apiUrl}/api/docs, SMS sandbox ${sandboxUrl}`);
    return;
  }
  try {
    const publicBaseUrl = env.PUBLIC_BASE_URL ?? 'http://localhost:3000';
    console.log(await seedDemo({ apiUrl, publicBaseUrl, sandboxUrl, platformToken: env.PLATFORM_ADMIN_TOKEN!, adminPassword: env.DEMO_ADMIN_PASSWORD! }));
  } catch (error) {
    log(`the demo district could not be seeded (${error instanceof Error ? error.message : String(error)}); stopping Porchlight`);
    await supervisor.stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
