import { HttpClient, waitFor } from '@porchlight/testing';
import { ChaosBroadcast } from './chaos-broadcast';
import { watchReady } from './watch-ready';

const FAMILIES = 5_000;
/** Deadlines grow with the work, so a busy machine is slower, not failing. */
const DEADLINE_MS = 90_000 + FAMILIES * 50;

/** At most 64 sends in flight, each taking this long: the fault always lands mid-broadcast. */
const PACE_MS = 250;

jest.setTimeout(3 * DEADLINE_MS);

/**
 * A 5,000-family broadcast through the real apps, hurt in the middle. Pass: every reachable phone
 * got exactly one message — counted at the sandbox, which records every create call — and every
 * message row ends in a final status.
 */
describe('a broadcast survives', () => {
  let chaos: ChaosBroadcast | undefined;
  let ready: ReturnType<typeof watchReady> | undefined;

  afterEach(async () => {
    await ready?.stop();
    ready = undefined;
    await chaos?.stop();
    chaos = undefined;
  });

  it('kill -9 of the delivery worker in the middle', async () => {
    chaos = await ChaosBroadcast.start('chaos-kill', FAMILIES);
    await chaos.pace(PACE_MS);
    const noticeId = await chaos.send();
    await chaos.waitForAccepted(FAMILIES / 4, DEADLINE_MS);
    expect(await chaos.stack.kill('delivery', 'SIGKILL')).toBeNull();
    const before = await chaos.accepted();
    expect(before).toBeLessThan(FAMILIES);
    // The operator sees the worker down in the API's readiness, and the API stays in rotation.
    ready = watchReady(chaos.stack.apiUrl);
    const api = new HttpClient(chaos.stack.apiUrl);
    await waitFor('delivery down in /health/ready', async () => (await api.get('/health/ready')).body.workers?.delivery === 'down', {
      timeoutMs: DEADLINE_MS,
      intervalMs: 500,
    });
    expect((await ready.stop()).failures).toEqual([]);
    await chaos.stack.start('delivery');
    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
  });

  it('FLUSHALL on Redis in the middle', async () => {
    chaos = await ChaosBroadcast.start('chaos-flush', FAMILIES);
    await chaos.pace(PACE_MS);
    const noticeId = await chaos.send();
    await chaos.waitForAccepted(FAMILIES / 4, DEADLINE_MS);
    await chaos.redis.flushall();
    expect(await chaos.accepted()).toBeLessThan(FAMILIES);
    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
  });

  it('a burst of 429s and handsets unreachable (30003) for a while', async () => {
    chaos = await ChaosBroadcast.start('chaos-faults', FAMILIES);
    const flaky = chaos.phones.filter((_, i) => i % 250 === 7);
    await chaos.sandbox.post('/sandbox/faults', { rateLimitNext: 400, unreachable: flaky, unreachableTimes: 1 });
    const noticeId = await chaos.send();
    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    const stats = (await chaos.sandbox.get('/sandbox/stats')).body;
    expect(stats.rejected).toBe(400);
    // The unreachable handsets got the first try (undelivered) and one retry (delivered); everyone else exactly one.
    expect(await chaos.phonesNotReceiving(1, new Set(flaky))).toEqual([]);
    const perPhone = await chaos.receivedPerPhone();
    expect(flaky.map((phone) => perPhone.get(phone))).toEqual(flaky.map(() => 2));
  });

  it('SIGTERM of the delivery worker in the middle: it finishes what it holds and exits in time', async () => {
    chaos = await ChaosBroadcast.start('chaos-term', FAMILIES);
    await chaos.pace(PACE_MS);
    const noticeId = await chaos.send();
    await chaos.waitForAccepted(FAMILIES / 4, DEADLINE_MS);
    expect(await chaos.stack.kill('delivery', 'SIGTERM')).toBe(0);
    expect(await chaos.accepted()).toBeLessThan(FAMILIES);
    // Every message it had claimed was finished: none is left claimed without a provider SID.
    expect(await chaos.claimedWithoutSid(noticeId)).toBe(0);
    await chaos.stack.start('delivery');
    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
  });
});
