import { HttpClient, startSupervised, Supervised, waitFor } from '@porchlight/testing';

jest.setTimeout(300_000);

const WORKERS = ['contacts', 'translation', 'dispatcher', 'delivery'] as const;
const APPS = ['sms-sandbox', 'api', ...WORKERS] as const;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A failed wait tells what the supervisor saw and the apps' last words, so a failure on a busy machine can be read. */
async function explained<T>(porchlight: Supervised, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    const tail = porchlight.output().split('\n').slice(-40).join('\n');
    throw new Error(`${(error as Error).message}\n--- supervisor ---\n${porchlight.lines().join('\n')}\n--- last output ---\n${tail}`);
  }
}

/** `npm start` supervises the apps: what it restarts, what it gives up on, and how it stops. */
describe('npm start', () => {
  let porchlight: Supervised | undefined;

  afterEach(async () => {
    await porchlight?.kill();
    porchlight = undefined;
  });

  it('starts a killed app again while the API stays ready and reports it; a second Ctrl-C stops every app at once', async () => {
    porchlight = await startSupervised('start', { SHUTDOWN_GRACE_SECONDS: '120' });
    const api = new HttpClient(porchlight.apiUrl);
    const workersUp = async () => {
      const ready = await api.get('/health/ready');
      return ready.status === 200 && WORKERS.every((app) => ready.body.workers?.[app] === 'up');
    };
    await explained(porchlight, waitFor('every worker up in /health/ready', workersUp, { timeoutMs: 120_000, intervalMs: 250 }));

    const contacts = porchlight.pid('contacts')!;
    process.kill(contacts, 'SIGKILL');
    await explained(
      porchlight,
      waitFor('contacts started again', () => porchlight!.pid('contacts') !== contacts, { timeoutMs: 60_000, intervalMs: 100 }),
    );
    expect(porchlight.lines().filter((line) => line.includes(' exited '))).toEqual([
      expect.stringMatching(/^contacts exited \(signal SIGKILL\) after [\d.]+ s; starting it again in 1 s$/),
    ]);
    expect((await api.get('/health/ready')).status).toBe(200);
    await explained(porchlight, waitFor('contacts up again', workersUp, { timeoutMs: 120_000, intervalMs: 250 }));

    const pids = APPS.flatMap((app) => porchlight!.pids(app));
    // Delivery workers that cannot finish on their own (stopped, as if stuck in a long job): only
    // the second Ctrl-C ends them, whatever the machine's speed.
    for (const pid of porchlight.pids('delivery')) process.kill(pid, 'SIGSTOP');
    const interrupted = Date.now();
    expect(await porchlight.kill()).toBe(1);
    // SHUTDOWN_GRACE_SECONDS is 120: only a kill ends them this soon.
    expect(Date.now() - interrupted).toBeLessThan(60_000);
    expect(porchlight.lines()).toContain('SIGINT again: killing every app now');
    expect(pids.filter(alive)).toEqual([]);
    porchlight = undefined;
  });

  it('runs the API and delivery once per WORKERS process, the API’s processes behind one port, each delivery process reporting its own health', async () => {
    porchlight = await startSupervised('workers', { WORKERS: '2' });
    expect(porchlight.pids('api')).toHaveLength(2);
    expect(porchlight.pids('delivery')).toHaveLength(2);
    expect(porchlight.pids('contacts')).toHaveLength(1);
    const deliveryPort = Number(porchlight.env.DELIVERY_HEALTH_PORT);
    for (const port of [deliveryPort, deliveryPort + 1]) {
      await explained(
        porchlight,
        waitFor(`delivery health on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, { timeoutMs: 120_000, intervalMs: 250 }),
      );
    }
    // One API process killed: the other serves on the same port while it starts again. Both must
    // be listening first (on a busy machine the second may still be booting when the first is ready).
    const [first, second] = porchlight.pids('api');
    const running = porchlight;
    /** The pids whose API process has logged that it listens. */
    const listening = () =>
      new Set(
        running
          .output()
          .split('\n')
          .filter((line) => line.includes('"msg":"api listening"'))
          .map((line) => (JSON.parse(line.slice(line.indexOf('{'))) as { pid?: number }).pid),
      );
    await explained(
      running,
      waitFor('both API processes listening', () => listening().has(first) && listening().has(second), { timeoutMs: 120_000, intervalMs: 250 }),
    );
    process.kill(first, 'SIGKILL');
    await explained(
      porchlight,
      waitFor('api.0 started again', () => !porchlight!.pids('api').includes(first), { timeoutMs: 60_000, intervalMs: 100 }),
    );
    expect(porchlight.pids('api')).toContain(second);
    expect((await new HttpClient(porchlight.apiUrl).get('/health/ready')).status).toBe(200);
    expect(porchlight.lines().filter((line) => line.includes(' exited '))).toEqual([
      expect.stringMatching(/^api\.0 exited \(signal SIGKILL\) after [\d.]+ s; starting it again in 1 s$/),
    ]);
  });

  it('stops every app after a crash loop, with one line that names the app and why', async () => {
    // The delivery worker refuses its configuration and exits at once, every time. A generous
    // window: on a busy machine five starts may take more than a minute.
    porchlight = await startSupervised(
      'crash-loop',
      { DELIVERY_HEALTH_PORT: 'not-a-port', CRASH_LOOP_SECONDS: '600', DELIVERY_WORKERS: '1' },
      { waitUntilRunning: false },
    );
    expect(await porchlight.exited).toBe(1);

    const lines = porchlight.lines();
    const exits = lines.filter((line) => line.startsWith('delivery exited'));
    expect(exits.slice(0, 4)).toEqual(
      [1, 2, 4, 8].map((s) =>
        expect.stringMatching(new RegExp(`^delivery exited \\(exit code 78: - HEALTH_PORT: .+\\) after [\\d.]+ s; starting it again in ${s} s$`)),
      ),
    );
    expect(exits[4]).toMatch(/^delivery exited 5 times within [\d.]+ s \(last: exit code 78: - HEALTH_PORT: .+\); stopping Porchlight$/);
    expect(exits).toHaveLength(5);
    expect(lines[lines.length - 1]).toBe('Porchlight stopped');
    // The others ran on through the loop, each started once, and were stopped with it.
    for (const app of APPS.filter((a) => a !== 'delivery')) {
      expect(lines.filter((line) => new RegExp(`^${app}(\\.\\d+)? started`).test(line))).toHaveLength(porchlight.pids(app).length);
    }
    expect(lines.filter((line) => / exited /.test(line) && !line.startsWith('delivery'))).toEqual([]);
    expect(
      APPS.filter((a) => a !== 'delivery')
        .flatMap((app) => porchlight!.pids(app))
        .filter(alive),
    ).toEqual([]);
    await expect(fetch(`${porchlight.apiUrl}/health`)).rejects.toThrow();
  });
});
