/**
 * `npm start` / `npm run demo`: prepares the database, then runs every app as its own process
 * until SIGINT/SIGTERM stops them all. With `--demo` it first makes (and keeps, in
 * `.porchlight/demo.env`) the secrets a demo needs and seeds a demo district.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setupDatabase } from '../libs/database/src/setup/setup';
import { seedDemo } from './demo-seed';

const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const demo = process.argv.includes('--demo');

const APPS: { name: string; env: Record<string, string> }[] = [
  { name: 'sms-sandbox', env: {} },
  { name: 'api', env: {} },
  { name: 'contacts', env: { HEALTH_PORT: process.env.CONTACTS_HEALTH_PORT ?? '3011' } },
  { name: 'translation', env: { HEALTH_PORT: process.env.TRANSLATION_HEALTH_PORT ?? '3012' } },
  { name: 'dispatcher', env: { HEALTH_PORT: process.env.DISPATCHER_HEALTH_PORT ?? '3013' } },
  { name: 'delivery', env: { HEALTH_PORT: process.env.DELIVERY_HEALTH_PORT ?? '3014' } },
];

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

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready`);
}

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...(demo ? demoSecrets() : {}), ...process.env };
  const databaseUrl = env.DATABASE_URL ?? 'postgres://porchlight_app:porchlight_app@127.0.0.1:5432/porchlight';
  const adminUrl = env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/porchlight';
  await setupDatabase({ databaseUrl, adminUrl, log: (line) => console.log(`setup: ${line}`) });
  console.log('setup: database ready');

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 15_000).unref();
    Promise.all(children.map((child) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r))))).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  for (const app of APPS) {
    const child = spawn(process.execPath, [join(DIST, 'apps', app.name, 'src', 'main.js')], {
      env: { ...env, ...app.env },
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${app.name} stopped (${signal ?? code}); stopping Porchlight`);
        stopAll(1);
      }
    });
    children.push(child);
  }

  const port = env.PORT ?? '3000';
  const apiUrl = `http://127.0.0.1:${port}`;
  const sandboxUrl = env.SMS_SANDBOX_URL ?? `http://127.0.0.1:${env.SMS_SANDBOX_PORT ?? '4010'}`;
  await waitReady(`${apiUrl}/health/ready`, children[1]);
  await waitReady(`${sandboxUrl}/health`, children[0]);
  if (demo) {
    const info = await seedDemo({
      apiUrl,
      publicBaseUrl: env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
      sandboxUrl,
      platformToken: env.PLATFORM_ADMIN_TOKEN!,
      adminPassword: env.DEMO_ADMIN_PASSWORD!,
    });
    console.log(info);
  } else {
    console.log(`Porchlight is running: API ${apiUrl}/api/v1, docs ${apiUrl}/api/docs, SMS sandbox ${sandboxUrl}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
