import { HttpClient, startSupervised, Supervised, waitFor } from '@porchlight/testing';
import { ChaosBroadcast } from './chaos-broadcast';

const FAMILIES = 10_000;
/** Deadlines grow with the work, so a busy machine is slower, not failing. */
const DEADLINE_MS = 90_000 + FAMILIES * 50;

jest.setTimeout(3 * DEADLINE_MS);

/**
 * Several replicas of the API and of delivery against one Postgres and one Redis, as several pods
 * or `WORKERS=2` run them: one of each killed with -9 in the middle of a broadcast must cost
 * neither a message nor a second copy.
 */
describe('two API and two delivery processes on one Postgres and Redis', () => {
  let chaos: ChaosBroadcast<Supervised> | undefined;

  afterEach(async () => {
    await chaos?.stop();
    chaos = undefined;
  });

  it('kill -9 of one API and one delivery process mid-broadcast: every phone gets exactly one message and every row ends final', async () => {
    chaos = await ChaosBroadcast.start('chaos-replicas', FAMILIES, { WORKERS: '2' }, startSupervised);
    const porchlight = chaos.stack;
    expect(porchlight.pids('api')).toHaveLength(2);
    expect(porchlight.pids('delivery')).toHaveLength(2);
    const api = new HttpClient(porchlight.apiUrl);
    // At most 128 sends in flight, 250 ms each: both kills land mid-broadcast.
    await chaos.pace(250);
    const noticeId = await chaos.send();

    for (const [app, atLeast] of [
      ['delivery', FAMILIES / 4],
      ['api', FAMILIES / 2],
    ] as const) {
      await chaos.waitForAccepted(atLeast, DEADLINE_MS);
      const [victim, survivor] = porchlight.pids(app);
      process.kill(victim, 'SIGKILL');
      expect(await chaos.accepted()).toBeLessThan(FAMILIES);
      await waitFor(`${app}.0 started again`, () => !porchlight.pids(app).includes(victim), { timeoutMs: DEADLINE_MS, intervalMs: 100 });
      // The other replica was not touched.
      expect(porchlight.pids(app)).toContain(survivor);
    }
    // The API answers on its port throughout: the surviving process serves while the other restarts.
    expect((await api.get('/health/ready')).status).toBe(200);

    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
    expect(porchlight.lines().filter((line) => / exited /.test(line))).toEqual([
      expect.stringMatching(/^delivery\.0 exited \(signal SIGKILL\) after [\d.]+ s; starting it again in 1 s$/),
      expect.stringMatching(/^api\.0 exited \(signal SIGKILL\) after [\d.]+ s; starting it again in 1 s$/),
    ]);
  });
});
