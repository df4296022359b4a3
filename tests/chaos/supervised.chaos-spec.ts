import { HttpClient, startSupervised, Supervised, waitFor } from '@porchlight/testing';
import { ChaosBroadcast } from './chaos-broadcast';
import { watchReady } from './watch-ready';

const FAMILIES = 3_000;
/** Deadlines grow with the work, so a busy machine is slower, not failing. */
const DEADLINE_MS = 90_000 + FAMILIES * 50;

jest.setTimeout(3 * DEADLINE_MS);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Porchlight as `npm start` runs it, hurt in the middle of a broadcast: its supervisor must start
 * a worker killed with -9 again while the API stays ready, and the broadcast must end with every
 * phone holding exactly one copy (counted at the sandbox).
 */
describe('npm start keeps Porchlight running', () => {
  let chaos: ChaosBroadcast<Supervised> | undefined;
  let ready: ReturnType<typeof watchReady> | undefined;

  afterEach(async () => {
    await ready?.stop();
    ready = undefined;
    await chaos?.stop();
    chaos = undefined;
  });

  it('kill -9 of the delivery worker and then of the dispatcher mid-broadcast: both start again, the API stays ready, one copy per phone', async () => {
    chaos = await ChaosBroadcast.start('chaos-supervised', FAMILIES, {}, startSupervised);
    const porchlight = chaos.stack;
    const api = new HttpClient(porchlight.apiUrl);
    await waitFor('every worker up in /health/ready', async () => Object.values((await api.get('/health/ready')).body.workers ?? {}).every((s) => s === 'up'), {
      timeoutMs: DEADLINE_MS,
      intervalMs: 250,
    });
    ready = watchReady(porchlight.apiUrl);
    // The sandbox takes 1 s over each send from the start, so the broadcast (at most 64 sends in
    // flight per delivery process) is still going when the first worker dies, however fast or busy
    // this machine is; then 3 s, so the dispatcher too dies mid-broadcast.
    await chaos.pace(1_000);
    const noticeId = await chaos.send();

    await chaos.waitForAccepted(FAMILIES / 4, DEADLINE_MS);
    for (const app of ['delivery', 'dispatcher'] as const) {
      const pid = porchlight.pid(app)!;
      process.kill(pid, 'SIGKILL');
      expect(await chaos.accepted()).toBeLessThan(FAMILIES);
      if (app === 'delivery') await chaos.pace(3_000);
      await waitFor(`${app} started again`, () => porchlight.pid(app) !== pid, { timeoutMs: DEADLINE_MS, intervalMs: 100 });
      expect(porchlight.lines().filter((line) => new RegExp(`^${app}(\\.0)? exited`).test(line))).toEqual([
        expect.stringMatching(new RegExp(`^${app}(\\.0)? exited \\(signal SIGKILL\\) after [\\d.]+ s; starting it again in 1 s$`)),
      ]);
      expect(alive(pid)).toBe(false);
    }
    await chaos.pace(0);

    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
    const watched = await ready.stop();
    ready = undefined;
    expect(watched.failures).toEqual([]);
    expect(watched.checks).toBeGreaterThan(0);
    // Nothing else was restarted, and both workers report again.
    expect(porchlight.lines().filter((line) => / exited /.test(line))).toHaveLength(2);
    await waitFor('every worker up again', async () => Object.values((await api.get('/health/ready')).body.workers).every((s) => s === 'up'), {
      timeoutMs: DEADLINE_MS,
      intervalMs: 250,
    });

    // SIGTERM drains every app and ends Porchlight cleanly.
    const pids = (['api', 'contacts', 'translation', 'dispatcher', 'delivery', 'sms-sandbox'] as const).flatMap((app) => porchlight.pids(app));
    porchlight.process.kill('SIGTERM');
    expect(await porchlight.exited).toBe(0);
    expect(porchlight.lines()).toContain('every app stopped');
    for (const app of ['contacts', 'translation', 'dispatcher', 'delivery']) expect(porchlight.output()).toContain(`"msg":"${app} stopped"`);
    expect(pids.filter(alive)).toEqual([]);
  });
});
