import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../libs/testing/src/wait-for';
import { Supervisor, tellingLine } from './supervisor';

jest.setTimeout(30_000);

describe('tellingLine', () => {
  it('names the error of a crash, not the stack or the version banner', () => {
    const crash = [
      '/srv/dist/apps/delivery/src/main.js:12',
      '    throw error;',
      '    ^',
      '',
      'TypeError: boom',
      '    at main (/srv/x.js:1:1)',
      '',
      'Node.js v20.19.0',
      '',
    ].join('\n');
    expect(tellingLine(crash)).toBe('TypeError: boom');
  });

  it('names the variable of a configuration error', () => {
    expect(tellingLine('Invalid configuration:\n  - HEALTH_PORT: HEALTH_PORT must be an integer number\n')).toBe(
      '- HEALTH_PORT: HEALTH_PORT must be an integer number',
    );
  });

  it('says nothing for a process that wrote nothing', () => {
    expect(tellingLine('')).toBeUndefined();
  });
});

describe('Supervisor (real processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-supervisor-'));
  const script = (name: string, body: string) => {
    const file = join(dir, `${name}.js`);
    writeFileSync(file, body);
    return file;
  };
  const forever = script('forever', `process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);`);
  /** Ignores SIGTERM; says so in a file once its handler is in place. */
  const stubborn = script('stubborn', `process.on('SIGTERM', () => {}); require('fs').writeFileSync(process.env.READY_FILE, ''); setInterval(() => {}, 1000);`);
  const failing = script('failing', `console.error('Invalid configuration:\\n  - SECRETS_KEY: SECRETS_KEY must be at least 32 characters'); process.exit(78);`);
  const policy = { firstDelayMs: 20, maxDelayMs: 100, stableMs: 60_000, crashLoopExits: 5, crashLoopWindowMs: 60_000 };
  let supervisor: Supervisor | undefined;
  let lines: string[];

  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await supervisor?.kill(1);
  });

  const readyFiles = new Map<string, string>();
  const start = (apps: { name: string; script: string }[], stopGraceMs = 5_000) => {
    supervisor = new Supervisor({ policy, stopGraceMs, log: (line) => lines.push(line), stderr: { write: () => true } });
    for (const app of apps) readyFiles.set(app.name, join(dir, `${app.name}-${Date.now()}.ready`));
    supervisor.start(apps.map((app) => ({ ...app, env: { PATH: process.env.PATH, READY_FILE: readyFiles.get(app.name) } })));
    return supervisor;
  };
  const ready = (name: string) => existsSync(readyFiles.get(name)!);
  const pidOf = (name: string) =>
    Number(
      [...lines]
        .reverse()
        .find((l) => l.startsWith(`${name} started`))
        ?.match(/pid (\d+)/)?.[1],
    );
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('starts an app that was killed again, with the reason in one line, and leaves the others running', async () => {
    start([
      { name: 'worker', script: forever },
      { name: 'api', script: forever },
    ]);
    await waitFor('both started', () => pidOf('worker') > 0 && pidOf('api') > 0);
    const [worker, api] = [pidOf('worker'), pidOf('api')];
    process.kill(worker, 'SIGKILL');
    await waitFor('the worker started again', () => pidOf('worker') !== worker && pidOf('worker') > 0);
    expect(lines.find((l) => l.startsWith('worker exited'))).toMatch(/^worker exited \(signal SIGKILL\) after [\d.]+ s; starting it again in 0 s$/);
    expect(pidOf('api')).toBe(api);
    expect(alive(api)).toBe(true);
  });

  it('stops everything after a crash loop, with one line that names the app and why', async () => {
    const stopped = start([
      { name: 'api', script: forever },
      { name: 'delivery', script: failing },
    ]).finished;
    expect(await stopped).toBe(1);
    const loop = lines.find((l) => l.includes('times within'));
    expect(loop).toMatch(
      /^delivery exited 5 times within [\d.]+ s \(last: exit code 78: - SECRETS_KEY: SECRETS_KEY must be at least 32 characters\); stopping Porchlight$/,
    );
    expect(lines.filter((l) => l.startsWith('delivery exited ('))).toHaveLength(4);
    expect(alive(pidOf('api'))).toBe(false);
  });

  it('stops gracefully with SIGTERM, and kills what does not stop within the grace', async () => {
    const running = start(
      [
        { name: 'api', script: forever },
        { name: 'stubborn', script: stubborn },
      ],
      300,
    );
    await waitFor('both started, the stubborn one ignoring SIGTERM', () => pidOf('api') > 0 && ready('stubborn'));
    expect(await running.stop(0)).toBe(0);
    expect(lines).toContain('stubborn still running after 0.3 s; killing it');
    expect(lines.some((l) => l.startsWith('api still running'))).toBe(false);
    expect([alive(pidOf('api')), alive(pidOf('stubborn'))]).toEqual([false, false]);
  });

  it('kills every app at once on a second interrupt', async () => {
    const running = start([{ name: 'stubborn', script: stubborn }], 60_000);
    await waitFor('started, ignoring SIGTERM', () => ready('stubborn'));
    void running.stop(0);
    const started = Date.now();
    expect(await running.kill(1)).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(alive(pidOf('stubborn'))).toBe(false);
  });
});
