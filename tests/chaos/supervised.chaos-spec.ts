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

  afterEach(async () => {
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
    const ready = watchReady(porchlight.apiUrl);
    const noticeId = await chaos.send();

    for (const [app, atLeast] of [['delivery', FAMILIES / 4], ['dispatcher', FAMILIES / 2]] as const) {
      await chaos.waitForAccepted(atLeast, DEADLINE_MS);
      const pid = porchlight.pid(app)!;
      process.kill(pid, 'SIGKILL');
      expect(await chaos.accepted()).toBeLessThan(FAMILIES);
      await waitFor(`${app} started again`, () => porchlight.pid(app) !== pid, { timeoutMs: DEADLINE_MS, intervalMs: 100 });
      expect(porchlight.lines().filter((line) => new RegExp(`^${app}(\\.0)? exited`).test(line))).toEqual([
        expect.stringMatching(new RegExp(`^${app}(\\.0)? exited \\(signal SIGKILL\\) after [\\d.]+ s; starting it again in 1 s$`)),
      ]);
      expect(alive(pid)).toBe(false);
    }

    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
    const watched = await ready.stop();
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
