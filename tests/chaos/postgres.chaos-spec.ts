import { APPS, HttpClient, TEST_ADMIN_URL, waitFor } from '@porchlight/testing';
import { Client } from 'pg';
import { ChaosBroadcast } from './chaos-broadcast';

const FAMILIES = 3_000;
/** Deadlines grow with the work, so a busy machine is slower, not failing. */
const DEADLINE_MS = 90_000 + FAMILIES * 50;

jest.setTimeout(3 * DEADLINE_MS);

/**
 * What a Postgres restart or failover does to the apps, without restarting the server others use:
 * every connection the apps hold on their database is terminated, in the middle of a broadcast.
 */
async function terminateBackends(databaseUrl: string): Promise<number> {
  const url = new URL(databaseUrl);
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and usename = $2 and pid <> pg_backend_pid()`,
      [decodeURIComponent(url.pathname.slice(1)), decodeURIComponent(url.username)],
    );
    return rows[0].n;
  } finally {
    await admin.end();
  }
}

describe('a broadcast survives Postgres ending every connection', () => {
  let chaos: ChaosBroadcast | undefined;

  afterEach(async () => {
    await chaos?.stop();
    chaos = undefined;
  });

  it('three times mid-broadcast: every app stays up, serves again, and every phone gets one copy', async () => {
    chaos = await ChaosBroadcast.start('chaos-postgres', FAMILIES);
    const { stack } = chaos;
    // At most 64 sends in flight, 250 ms each: every termination lands mid-broadcast.
    await chaos.pace(250);
    const noticeId = await chaos.send();

    const terminated: number[] = [];
    for (const share of [0.2, 0.4, 0.6]) {
      await chaos.waitForAccepted(FAMILIES * share, DEADLINE_MS);
      terminated.push(await terminateBackends(stack.databaseUrl));
    }
    // Every app holds at least one connection while a broadcast runs.
    expect(terminated.every((n) => n >= APPS.length)).toBe(true);

    const statuses = await chaos.waitForFinal(noticeId, DEADLINE_MS);
    expect(statuses).toEqual({ delivered: FAMILIES });
    expect(await chaos.phonesNotReceiving(1)).toEqual([]);
    // No app died of it.
    expect([...stack.processes].filter(([, child]) => child.exitCode !== null || child.signalCode !== null).map(([app]) => app)).toEqual([]);
    const api = new HttpClient(stack.apiUrl);
    await waitFor(
      'the API ready, every worker up',
      async () => {
        const ready = await api.get('/health/ready');
        return ready.status === 200 && Object.values(ready.body.workers).every((state) => state === 'up');
      },
      { timeoutMs: DEADLINE_MS, intervalMs: 250 },
    );
    const notice = await chaos.notice(noticeId);
    expect(notice.status).toBe(200);
    expect(notice.body.stats).toMatchObject({ delivered: FAMILIES });
  });
});
