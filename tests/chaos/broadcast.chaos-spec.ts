import { HttpClient, waitFor } from '@porchlight/testing';
import { ChaosBroadcast } from './chaos-broadcast';
import { watchReady } from './watch-ready';

jest.setTimeout(300_000);

const FAMILIES = 5_000;

/**
 * A 5,000-family broadcast through the real apps, hurt in the middle. Pass: every reachable phone
 * got exactly one message — counted at the sandbox, which records every create call — and every
 * message row ends in a final status.
 */
describe('a broadcast survives', () => {
  let chaos: ChaosBroadcast | undefined;

  afterEach(async () => {
    await chaos?.stop();
    chaos = undefined;
  });

  it('kill -9 of the delivery worker in the middle', async () => {
    chaos = await ChaosBroadcast.start('chaos-kill', FAMILIES);
    const noticeId = await chaos.send();
    await chaos.waitForAccepted(FAMILIES / 4);
    expect(await chaos.stack.kill('delivery', 'SIGKILL')).toBeNull();
    const before = await chaos.accepted();
    expect(before).toBeLessThan(FAMILIES);
    // The operator sees the worker down in the API's readiness, and the API stays in rotation.
    const ready = watchReady(chaos.stack.apiUrl);
    const api = new HttpClient(chaos.stack.apiUrl);
    await waitFor('delivery down in /health/ready', async () => (await api.get('/health/ready')).body.workers?.delivery === 'down', { timeoutMs: 120_000, intervalMs: 500 });
    expect((await ready.stop()).failures).toEqual([]);
    await chaos.stack.start('delivery');
    const statuses = await chaos.waitForFinal(noticeId);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
  });

  it('FLUSHALL on Redis in the middle', async () => {
    chaos = await ChaosBroadcast.start('chaos-flush', FAMILIES);
    const noticeId = await chaos.send();
    await chaos.waitForAccepted(FAMILIES / 4);
    await chaos.redis.flushall();
    expect(await chaos.accepted()).toBeLessThan(FAMILIES);
    const statuses = await chaos.waitForFinal(noticeId);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
  });

  it('a burst of 429s and handsets unreachable (30003) for a while', async () => {
    chaos = await ChaosBroadcast.start('chaos-faults', FAMILIES);
    const flaky = chaos.phones.filter((_, i) => i % 250 === 7);
    await chaos.sandbox.post('/sandbox/faults', { rateLimitNext: 400, unreachable: flaky, unreachableTimes: 1 });
    const noticeId = await chaos.send();
    const statuses = await chaos.waitForFinal(noticeId);
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
    const noticeId = await chaos.send();
    await chaos.waitForAccepted(FAMILIES / 4);
    expect(await chaos.stack.kill('delivery', 'SIGTERM')).toBe(0);
    expect(await chaos.accepted()).toBeLessThan(FAMILIES);
    // Every message it had claimed was finished: none is left claimed without a provider SID.
    expect(await chaos.claimedWithoutSid(noticeId)).toBe(0);
    await chaos.stack.start('delivery');
    const statuses = await chaos.waitForFinal(noticeId);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
  });
});
