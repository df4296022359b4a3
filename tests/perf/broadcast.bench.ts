/**
 * Broadcast benchmark (not a test). On one machine, in one process:
 *  (1) a notice to FAMILIES phones through the running apps and the SMS sandbox (no added latency,
 *      status callbacks on): seconds and msg/s from the send call until the sandbox accepted every
 *      message, and until every row is `delivered`; peak RSS of every app;
 *  (2) the same number of no-op jobs through raw BullMQ on the same Redis (addBulk in chunks, then
 *      one worker of the delivery worker's concurrency drains them): N / (add + drain);
 *  (3) the ratio of (1)'s accepted msg/s to (2);
 *  (4) while (1) runs, the first-send latency of another district's one-family emergency notice,
 *      p50/p95 over several tries.
 *
 * Next to (1): the CPU time Porchlight's own processes spent (each app process's user + system time
 * from /proc, the sandbox left out), from the send call until every row is delivered, per message.
 *
 *   npm run bench:broadcast        Porchlight started as `npm start` starts it: the supervisor with its
 *                                  defaults (a process per core for the API and delivery); FAMILIES
 *                                  and EMERGENCY_TRIES change the load
 *   WORKERS=1 npm run bench:broadcast, WORKERS=2 …: the same with that many processes per app
 *   STACK=1 npm run bench:broadcast: one process per app started directly, each with its own pid to
 *   profile (STACK_NODE_ARGS="--cpu-prof --cpu-prof-dir=…"); DELIVERY_CONCURRENCY applies there
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createDataSource, TenantDb } from '@porchlight/database';
import { addManyFamilies, AppName, HttpClient, randomAccountSid, randomHex, startStack, startSupervised, TEST_REDIS_URL, waitFor } from '@porchlight/testing';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';

const FAMILIES = Number(process.env.FAMILIES ?? 100_000);
const EMERGENCY_TRIES = Number(process.env.EMERGENCY_TRIES ?? 7);
const CONCURRENCY = Number(process.env.DELIVERY_CONCURRENCY ?? 64);
/** CALLBACKS=0 turns the sandbox's status callbacks off (to see what sending alone costs). */
const CALLBACKS = process.env.CALLBACKS !== '0';
/** Set: this many processes per app (else the supervisor's default, as `npm start`). */
const WORKERS = process.env.WORKERS;
/** `STACK=1`: one process per app, started directly (for profiling), instead of `npm start`'s supervisor. */
const STACK = process.env.STACK === '1';
const PORCHLIGHT_APPS: AppName[] = ['api', 'contacts', 'translation', 'dispatcher', 'delivery'];
/** The sandbox's name in the supervisor's log lines. */
const SUPERVISED_SANDBOX = 'sms-sandbox';
/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** What the benchmark needs of a running Porchlight, started either way. */
interface Running {
  apiUrl: string;
  sandboxUrl: string;
  databaseUrl: string;
  env: Record<string, string>;
  /** The pids of each Porchlight app's processes (the sandbox's not included). */
  pids(): Map<AppName, number[]>;
  /** The SMS sandbox's pid (Twilio's stand-in). */
  sandboxPid(): number | undefined;
  stop(): Promise<unknown>;
}

async function boot(): Promise<Running> {
  if (!STACK) {
    const supervised = await startSupervised('bench-broadcast', { ...(WORKERS ? { WORKERS } : {}), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    return {
      ...supervised,
      pids: () => new Map(PORCHLIGHT_APPS.map((app) => [app, supervised.pids(app)])),
      sandboxPid: () => supervised.pid(SUPERVISED_SANDBOX),
      stop: () => supervised.stop(),
    };
  }
  const stack = await startStack('bench-broadcast', {
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    WORKER_CONCURRENCY: String(CONCURRENCY),
    RECONCILE_INTERVAL_SECONDS: '15',
  });
  return {
    ...stack,
    pids: () => new Map(PORCHLIGHT_APPS.map((app) => [app, [stack.processes.get(app)?.pid].filter((pid): pid is number => pid !== undefined)])),
    sandboxPid: () => stack.processes.get('sms-sandbox')?.pid,
    stop: () => stack.stop(),
  };
}

/** The processes of the machine's Postgres and Redis servers (every backend and helper), by name. */
function serverPids(): Map<string, number[]> {
  const found = new Map<string, number[]>([
    ['postgres', []],
    ['redis-server', []],
  ]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      found.get(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())?.push(Number(entry));
    } catch {
      // gone since the listing
    }
  }
  return found;
}

/** User + system CPU seconds of each process so far (fields 14 and 15 of /proc/<pid>/stat), by pid. */
function cpuSeconds(pids: number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
        .split(') ')[1]
        .split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // A process that has exited since: its time is not counted.
    }
  }
  return seconds;
}

interface District {
  id: string;
  api: HttpClient;
  number: string;
}

async function district(stack: Running, sandbox: HttpClient, slug: string, number: string): Promise<District> {
  const account = { sid: randomAccountSid(), token: randomHex(16) };
  await sandbox.post('/sandbox/accounts', { accountSid: account.sid, authToken: account.token, smsUrl: `${stack.apiUrl}/webhooks/twilio/sms` });
  const created = await new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN).post('/api/v1/platform/tenants', {
    slug,
    name: `${slug} schools`,
    timezone: 'America/New_York',
    country: 'US',
    defaultLanguage: 'en',
    sms: { provider: 'sandbox', accountSid: account.sid, authToken: account.token, fromNumber: number },
    admin: { email: `admin@${slug}.example.org`, password: 'correct horse battery' },
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
    tenant: slug,
    email: `admin@${slug}.example.org`,
    password: 'correct horse battery',
  });
  const api = new HttpClient(stack.apiUrl, login.body.accessToken);
  await api.patch('/api/v1/settings', { quietHours: { start: '00:00', end: '00:00' } });
  return { id: created.body.id, api, number };
}

async function sendNotice(d: District, urgency: string, body: string): Promise<string> {
  const notice = await d.api.post('/api/v1/notices', { body, sourceLanguage: 'en', audience: { all: true }, urgency });
  const sent = await d.api.post(`/api/v1/notices/${notice.body.id}/send`);
  if (sent.status !== 202) throw new Error(JSON.stringify(sent.body));
  return notice.body.id;
}

/** Peak resident set of a process (VmHWM), in MiB. */
function peakRssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function delivered(dataSource: DataSource, tenantId: string, noticeId: string): Promise<number> {
  const [row] = await new TenantDb(dataSource).txFor(tenantId, (m) =>
    m.query(`select count(*)::int as n from messages where notice_id = $1 and status = 'delivered'`, [noticeId]),
  );
  return row.n;
}

async function rawBullmq(n: number): Promise<{ addSeconds: number; drainSeconds: number; perSecond: number }> {
  const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `bench-raw-${randomHex(3)}`;
  const queue = new Queue('raw', { connection, prefix });
  const started = performance.now();
  for (let i = 0; i < n; i += 5000) {
    await queue.addBulk(
      Array.from({ length: Math.min(5000, n - i) }, (_, k) => ({
        name: 'noop',
        data: { tenantId: 't', correlationId: 'c', messageId: `m${i + k}` },
        opts: { jobId: `raw-${i + k}`, priority: 1000 + Math.floor((i + k) / 100), removeOnComplete: true },
      })),
    );
  }
  const added = performance.now();
  let done = 0;
  const drained = new Promise<void>((resolve) => {
    const worker = new Worker('raw', async () => undefined, {
      connection: new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null }),
      prefix,
      concurrency: CONCURRENCY,
    });
    worker.on('completed', () => {
      done += 1;
      if (done === n) void worker.close().then(() => resolve());
    });
  });
  await drained;
  const finished = performance.now();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return { addSeconds: (added - started) / 1000, drainSeconds: (finished - added) / 1000, perSecond: n / ((finished - started) / 1000) };
}

async function main(): Promise<void> {
  console.log(
    !STACK
      ? `broadcast benchmark: ${FAMILIES} phones, as npm start runs it${WORKERS ? ` with WORKERS=${WORKERS}` : ' (its defaults)'}, ${EMERGENCY_TRIES} emergency tries`
      : `broadcast benchmark: ${FAMILIES} phones, one process per app, delivery concurrency ${CONCURRENCY}, ${EMERGENCY_TRIES} emergency tries`,
  );
  const stack = await boot();
  const dataSource = await createDataSource({ url: stack.databaseUrl, applicationName: 'bench', poolSize: 2 }).initialize();
  try {
    const sandbox = new HttpClient(stack.sandboxUrl);
    if (!CALLBACKS) await sandbox.post('/sandbox/faults', { callbacks: false });
    const big = await district(stack, sandbox, `big-${randomHex(3)}`, '+16175550100');
    const small = await district(stack, sandbox, `small-${randomHex(3)}`, '+16175550101');
    const phones = Array.from({ length: FAMILIES }, (_, i) => `+1${201 + Math.floor(i / 9000)}555${1000 + (i % 9000)}`);
    const smallPhone = '+13125550199';
    await addManyFamilies(new TenantDb(dataSource), big.id, phones);
    await addManyFamilies(new TenantDb(dataSource), small.id, [smallPhone]);
    console.log('seeded');

    // (1) the broadcast
    const accepted = async () => (await sandbox.get('/sandbox/stats')).body.accepted as number;
    const base = await accepted();
    const allPids = () => [...stack.pids().values()].flat();
    const others = () => new Map<string, number[]>([['sandbox', [stack.sandboxPid()].filter((pid): pid is number => pid !== undefined)], ...serverPids()]);
    const cpuBefore = cpuSeconds(allPids());
    const othersBefore = cpuSeconds([...others().values()].flat());
    const t0 = performance.now();
    const noticeId = await sendNotice(big, 'normal', 'Snow day: all schools are closed tomorrow. Stay safe and warm.');

    // (4) meanwhile: another district's emergencies, one at a time
    const latencies: number[] = [];
    /** Per try, ms from the send call: the send accepted, the message row written by fan-out, claimed by delivery, at the sandbox. */
    const stages: string[] = [];
    const emergencies = (async () => {
      await waitFor('the broadcast under way', async () => (await accepted()) - base >= Math.min(2000, FAMILIES / 10), { timeoutMs: 120_000, intervalMs: 20 });
      for (let i = 0; i < EMERGENCY_TRIES; i++) {
        const body = `Lockdown drill ${i} ${randomHex(2)}`;
        const started = Date.now();
        const emergencyId = await sendNotice(small, 'emergency', body);
        const message = await waitFor(
          `emergency ${i} at the phone`,
          async () =>
            ((await sandbox.get(`/sandbox/messages?to=${encodeURIComponent(smallPhone)}`)).body as { body: string; createdAt: string }[]).find(
              (m) => m.body === body,
            ),
          { timeoutMs: 60_000, intervalMs: 10 },
        );
        latencies.push(new Date(message.createdAt).getTime() - started);
        const [row] = await new TenantDb(dataSource).txFor(small.id, (m) =>
          m.query(
            `select (extract(epoch from n.send_requested_at) * 1000)::float8 as requested, (extract(epoch from m.created_at) * 1000)::float8 as written,
               (extract(epoch from m.claimed_at) * 1000)::float8 as claimed
             from notices n join messages m on m.notice_id = n.id where n.id = $1`,
            [emergencyId],
          ),
        );
        stages.push(
          `${Math.round(row.requested - started)}/${Math.round(row.written - started)}/${Math.round(row.claimed - started)}/${latencies[latencies.length - 1]}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    })();

    await waitFor('every message accepted by the sandbox', async () => (await accepted()) - base - latencies.length >= FAMILIES, {
      timeoutMs: 900_000,
      intervalMs: 50,
    });
    const tAccepted = performance.now();
    if (CALLBACKS)
      await waitFor('every row delivered', async () => (await delivered(dataSource, big.id, noticeId)) === FAMILIES, { timeoutMs: 900_000, intervalMs: 250 });
    const tDelivered = performance.now();
    const cpuAfter = cpuSeconds(allPids());
    const othersAfter = others();
    const othersCpu = cpuSeconds([...othersAfter.values()].flat());
    const cpuOfOthers = [...othersAfter].map(
      ([name, pids]) => [name, pids.reduce((sum, pid) => sum + (othersCpu.get(pid) ?? 0) - (othersBefore.get(pid) ?? 0), 0)] as const,
    );
    const cpu = [...cpuAfter].reduce((sum, [pid, seconds]) => sum + seconds - (cpuBefore.get(pid) ?? 0), 0);
    const cpuByApp = [...stack.pids()].map(
      ([app, pids]) => [app, pids.reduce((sum, pid) => sum + (cpuAfter.get(pid) ?? 0) - (cpuBefore.get(pid) ?? 0), 0)] as const,
    );
    await emergencies;
    const rss = Object.fromEntries([...stack.pids()].map(([app, pids]) => [app, pids.map(peakRssMiB).join('/')]));

    const acceptedSeconds = (tAccepted - t0) / 1000;
    const deliveredSeconds = (tDelivered - t0) / 1000;
    const acceptedRate = FAMILIES / acceptedSeconds;
    console.log(
      `(1) ${FAMILIES} phones: all accepted by the sandbox in ${acceptedSeconds.toFixed(1)} s (${acceptedRate.toFixed(0)} msg/s); all delivered in ${deliveredSeconds.toFixed(1)} s (${(FAMILIES / deliveredSeconds).toFixed(0)} msg/s)`,
    );
    console.log(
      `    CPU of Porchlight's processes (sandbox excluded), send call → all delivered: ${cpu.toFixed(1)} s, ${((cpu * 1000) / FAMILIES).toFixed(2)} ms per message`,
    );
    console.log(`    of which (ms per message): ${cpuByApp.map(([app, seconds]) => `${app} ${((seconds * 1000) / FAMILIES).toFixed(2)}`).join(', ')}`);
    console.log(
      `    the rest of the machine (ms per message; Postgres and Redis processes alive at the end): ${cpuOfOthers
        .map(([name, seconds]) => `${name} ${((seconds * 1000) / FAMILIES).toFixed(2)}`)
        .join(', ')}`,
    );
    console.log(
      `    peak RSS (MiB): ${Object.entries(rss)
        .map(([app, mib]) => `${app} ${mib}`)
        .join(', ')}`,
    );

    // (2) the baseline: raw BullMQ, same Redis, same count, same concurrency
    const raw = await rawBullmq(FAMILIES);
    console.log(
      `(2) raw BullMQ, ${FAMILIES} no-op jobs: add ${raw.addSeconds.toFixed(1)} s + drain ${raw.drainSeconds.toFixed(1)} s = ${raw.perSecond.toFixed(0)} jobs/s`,
    );
    // (3)
    console.log(`(3) ratio accepted msg/s / raw jobs/s: ${(acceptedRate / raw.perSecond).toFixed(2)}`);
    // (4)
    console.log(
      `(4) other district's emergency, first send: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms (${latencies.join(', ')} ms)`,
    );
    console.log(`    each try, ms after the send call: send accepted / row written by fan-out / claimed by delivery / at the sandbox: ${stages.join(', ')}`);
  } finally {
    await dataSource.destroy();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
