import { ChildProcess, spawn } from 'node:child_process';
import { createDataSource, TenantDb } from '@porchlight/database';
import { addManyFamilies, freePort, HttpClient, randomAccountSid, randomHex, Stack, startStack, waitFor } from '@porchlight/testing';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';

export interface SandboxMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  status: string;
}

const FINAL = ['delivered', 'undelivered', 'failed', 'suppressed'];

/** What a broadcast needs of a running Porchlight: a stack of processes, or `npm start` supervising them. */
export interface Target {
  apiUrl: string;
  sandboxUrl: string;
  databaseUrl: string;
  env: Record<string, string>;
  stop(): Promise<unknown>;
}

export type Boot<S extends Target> = (name: string, env: Record<string, string>) => Promise<S>;

/**
 * One district, `families` phones and a broadcast to all of them, on a stack of its own with a
 * Redis of its own (so FLUSHALL hurts nobody else). The sandbox records every create call, which
 * is what "exactly once" is counted against.
 */
export class ChaosBroadcast<S extends Target = Stack> {
  private constructor(
    readonly stack: S,
    readonly redis: IORedis,
    private readonly redisServer: ChildProcess,
    private readonly dataSource: DataSource,
    readonly sandbox: HttpClient,
    readonly phones: string[],
    private readonly tenantId: string,
    private readonly api: HttpClient,
    readonly number: string,
  ) {}

  /** Boots Porchlight with `boot` (separate processes by default, or `startSupervised`) on a Redis of its own. */
  static async start(name: string, families: number, env?: Record<string, string>): Promise<ChaosBroadcast<Stack>>;
  static async start<S extends Target>(name: string, families: number, env: Record<string, string>, boot: Boot<S>): Promise<ChaosBroadcast<S>>;
  static async start<S extends Target>(name: string, families: number, env: Record<string, string> = {}, boot?: Boot<S>): Promise<ChaosBroadcast<S>> {
    const redisPort = await freePort();
    const redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const redis = new IORedis(`redis://127.0.0.1:${redisPort}`, { maxRetriesPerRequest: null });
    await waitFor(`redis-server on ${redisPort}`, async () => (await redis.ping()) === 'PONG', { timeoutMs: 10_000 });

    try {
      return await ChaosBroadcast.prepare(name, families, env, redis, redisServer, redisPort, boot ?? (startStack as unknown as Boot<S>));
    } catch (error) {
      redis.disconnect();
      redisServer.kill('SIGKILL');
      throw error;
    }
  }

  private static async prepare<S extends Target>(
    name: string,
    families: number,
    env: Record<string, string>,
    redis: IORedis,
    redisServer: ChildProcess,
    redisPort: number,
    boot: Boot<S>,
  ): Promise<ChaosBroadcast<S>> {
    const stack = await boot(name, {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      LOG_LEVEL: 'info',
      RECONCILE_INTERVAL_SECONDS: '1',
      RECONCILE_STALE_SECONDS: '3',
      SENDING_STALE_SECONDS: '20',
      STATUS_STALE_SECONDS: '30',
      UNREACHABLE_RETRY_SECONDS: '1',
      SHUTDOWN_GRACE_SECONDS: '10',
      ...env,
    });
    const sandbox = new HttpClient(stack.sandboxUrl);
    const account = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550100' };
    await sandbox.post('/sandbox/accounts', { accountSid: account.sid, authToken: account.token, smsUrl: `${stack.apiUrl}/webhooks/twilio/sms` });
    const platform = new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN);
    const slug = `chaos-${randomHex(3)}`;
    const created = await platform.post('/api/v1/platform/tenants', {
      slug,
      name: 'Chaos Public Schools',
      timezone: 'America/New_York',
      country: 'US',
      defaultLanguage: 'en',
      sms: { provider: 'sandbox', accountSid: account.sid, authToken: account.token, fromNumber: account.number },
      admin: { email: `admin@${slug}.example.org`, password: 'correct horse battery' },
    });
    if (created.status !== 201) throw new Error(`tenant: ${JSON.stringify(created.body)}`);
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: slug,
      email: `admin@${slug}.example.org`,
      password: 'correct horse battery',
    });
    const api = new HttpClient(stack.apiUrl, login.body.accessToken);
    await api.patch('/api/v1/settings', { quietHours: { start: '00:00', end: '00:00' } });

    const dataSource = await createDataSource({ url: stack.databaseUrl, applicationName: `chaos-${name}`, poolSize: 2 }).initialize();
    try {
      return await ChaosBroadcast.seed(stack, redis, redisServer, dataSource, sandbox, created.body.id, api, account.number, families);
    } catch (error) {
      await dataSource.destroy();
      await stack.stop();
      throw error;
    }
  }

  private static async seed<S extends Target>(
    stack: S,
    redis: IORedis,
    redisServer: ChildProcess,
    dataSource: DataSource,
    sandbox: HttpClient,
    tenantId: string,
    api: HttpClient,
    number: string,
    families: number,
  ): Promise<ChaosBroadcast<S>> {
    // NXX-555-xxxx numbers, 9,000 per area code.
    const phones = Array.from({ length: families }, (_, i) => `+1${201 + Math.floor(i / 9000)}555${1000 + (i % 9000)}`);
    await addManyFamilies(new TenantDb(dataSource), tenantId, phones);
    return new ChaosBroadcast(stack, redis, redisServer, dataSource, sandbox, phones, tenantId, api, number);
  }

  /** Creates and sends a notice to every family; returns its id. */
  async send(body = `Snow day ${randomHex(3)}: no school tomorrow.`): Promise<string> {
    const notice = await this.api.post('/api/v1/notices', { body, sourceLanguage: 'en', audience: { all: true }, urgency: 'normal' });
    if (notice.status !== 201) throw new Error(`notice: ${JSON.stringify(notice.body)}`);
    const sent = await this.api.post(`/api/v1/notices/${notice.body.id}/send`);
    if (sent.status !== 202) throw new Error(`send: ${JSON.stringify(sent.body)}`);
    return notice.body.id;
  }

  /** The notice as its author sees it through the API (`GET /api/v1/notices/:id`). */
  notice(noticeId: string): Promise<{ status: number; body: { status: string; stats: Record<string, number> } }> {
    return this.api.get(`/api/v1/notices/${noticeId}`);
  }

  async accepted(): Promise<number> {
    return (await this.sandbox.get('/sandbox/stats')).body.accepted;
  }

  /**
   * The sandbox takes `latencyMs` over each send, as a slow provider would: a broadcast then lasts
   * long enough for a fault to land mid-broadcast however fast or busy this machine is (a starved
   * test process may otherwise look only after the last send).
   */
  async pace(latencyMs: number): Promise<void> {
    await this.sandbox.post('/sandbox/faults', { latencyMs });
  }

  async waitForAccepted(atLeast: number, timeoutMs: number): Promise<void> {
    await waitFor(`${atLeast} messages accepted by the sandbox`, async () => (await this.accepted()) >= atLeast, { timeoutMs, intervalMs: 20 });
  }

  /** Message rows by status. */
  async statuses(noticeId: string): Promise<Record<string, number>> {
    const rows: { status: string; n: number }[] = await new TenantDb(this.dataSource).txFor(this.tenantId, (m) =>
      m.query(`select status, count(*)::int as n from messages where notice_id = $1 group by status`, [noticeId]),
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Rows a worker claimed for sending and has not yet recorded a provider SID for. */
  async claimedWithoutSid(noticeId: string): Promise<number> {
    const [row] = await new TenantDb(this.dataSource).txFor(this.tenantId, (m) =>
      m.query(`select count(*)::int as n from messages where notice_id = $1 and status = 'sending' and provider_sid is null`, [noticeId]),
    );
    return row.n;
  }

  /** Waits until every row of the notice is final; returns the statuses. */
  async waitForFinal(noticeId: string, timeoutMs: number): Promise<Record<string, number>> {
    let last: Record<string, number> = {};
    try {
      return await waitFor(
        'every message row in a final status',
        async () => {
          last = await this.statuses(noticeId);
          const total = Object.values(last).reduce((a, b) => a + b, 0);
          const final = FINAL.reduce((sum, status) => sum + (last[status] ?? 0), 0);
          return total === this.phones.length && final === total && last;
        },
        { timeoutMs, intervalMs: 250 },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; statuses ${JSON.stringify(last)}`);
    }
  }

  /** How many messages each family phone received from the district, counted at the sandbox. */
  async receivedPerPhone(): Promise<Map<string, number>> {
    const all: SandboxMessage[] = (await this.sandbox.get('/sandbox/messages')).body;
    const counts = new Map<string, number>(this.phones.map((p) => [p, 0]));
    for (const message of all) if (message.from === this.number) counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
    return counts;
  }

  /** Phones that got a number of messages other than `expected`. */
  async phonesNotReceiving(expected: number, except: Set<string> = new Set()): Promise<[string, number][]> {
    return [...(await this.receivedPerPhone())].filter(([phone, n]) => !except.has(phone) && n !== expected);
  }

  async stop(): Promise<void> {
    await this.dataSource.destroy().catch(() => undefined);
    await this.stack.stop();
    this.redis.disconnect();
    this.redisServer.kill('SIGKILL');
  }
}
