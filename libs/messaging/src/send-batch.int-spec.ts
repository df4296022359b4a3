import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { SecretBox, TenantRepository } from '@porchlight/identity';
import { RetryLaterError } from '@porchlight/queue';
import { OutboundSms, ProviderError, ProviderMessage, SentMessage, SmsProvider } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { Reconciler } from './reconciler';
import { ResolveMessageUseCase } from './resolve-message.use-case';
import { SendBatchUseCase } from './send-batch.use-case';
import { SendMessageUseCase } from './send-message.use-case';
import { SenderRateLimiter } from './sender-rate-limiter';
import { SmsProviders } from './sms-providers';
import { TenantSmsCache } from './tenant-sms-cache';

/** A provider at the edge of the world: records what it accepts, refuses the phones it is told to. */
class ScriptedProvider implements SmsProvider {
  sent: OutboundSms[] = [];
  /** Phone → the refusal its next send gets. */
  refuse = new Map<string, ProviderError>();
  /** Phone → what happens at the provider's end right after it accepted a send to it (say, its callbacks). */
  afterAccept = new Map<string, (sid: string) => Promise<void>>();

  async send(message: OutboundSms): Promise<ProviderMessage> {
    const refusal = this.refuse.get(message.to);
    if (refusal) {
      this.refuse.delete(message.to);
      throw refusal;
    }
    this.sent.push(message);
    const sid = `SM${String(this.sent.length).padStart(32, '0')}`;
    await this.afterAccept.get(message.to)?.(sid);
    return { sid, status: 'queued' };
  }

  async fetch(sid: string): Promise<ProviderMessage> {
    return { sid, status: 'queued' };
  }

  async findSent(to: string): Promise<SentMessage[]> {
    return this.sent.filter((m) => m.to === to).map((m, i) => ({ sid: `SMfound${to}-${i}`, status: 'sent', to, body: m.body, createdAt: new Date() }));
  }

  sentTo(phone: string): number {
    return this.sent.filter((m) => m.to === phone).length;
  }
}

describe('SendBatchUseCase (Postgres and Redis)', () => {
  const spec = useIntegration('send-batch', { poolSize: 3 });
  const provider = new ScriptedProvider();
  let providers: SmsProviders;
  let credentials: TenantSmsCache;
  let batch: SendBatchUseCase;
  const attempt = { attemptsMade: 0, maxAttempts: 8 };
  let nextPhone = 2300;

  beforeAll(() => {
    providers = new SmsProviders({ sandboxUrl: 'http://127.0.0.1:9' });
    jest.spyOn(providers, 'for').mockReturnValue(provider);
    credentials = new TenantSmsCache(spec.db, new TenantRepository(new SecretBox(TEST_SECRETS_KEY)));
    const rateLimiter = new SenderRateLimiter(spec.redis, spec.prefix);
    const single = new SendMessageUseCase(spec.db, credentials, providers, rateLimiter, spec.jobs, {
      publicBaseUrl: 'https://porchlight.example.org',
      unreachableRetryMs: 1000,
    });
    batch = new SendBatchUseCase(spec.db, credentials, rateLimiter, spec.jobs, single);
  });

  /** `count` queued notice messages to fresh phones, as fan-out leaves them; their ids in order. */
  const messages = async (count: number): Promise<{ ids: string[]; phones: string[] }> => {
    const phones = Array.from({ length: count }, () => `+1617555${String((nextPhone += 1))}`);
    const rows = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status)
         select $1, 'outbound', 'notice', p, 'Early dismissal at noon', 'queued' from unnest($2::text[]) p returning id, phone`,
        [spec.fixture.tenantId, phones],
      ),
    );
    const byPhone = new Map(rows.map((r: { id: string; phone: string }) => [r.phone, r.id]));
    return { ids: phones.map((p) => byPhone.get(p) as string), phones };
  };
  const rowsOf = (ids: string[]) =>
    spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select id, phone, status, provider_sid, attempts, error_code from messages where id = any($1::uuid[]) order by phone`, [ids]),
    );
  const send = (ids: string[], tries = attempt) => TenantContext.run({ tenantId: spec.fixture.tenantId }, () => batch.execute(ids, tries));

  it('claims, sends and records every message of the batch once; the same batch again sends nothing', async () => {
    const { ids, phones } = await messages(12);
    expect(await send(ids)).toEqual({ sent: 12, suppressed: 0, retried: 0, failed: 0, resolving: 0, unsettled: 0 });
    for (const phone of phones) expect(provider.sentTo(phone)).toBe(1);
    const rows = await rowsOf(ids);
    expect(
      rows.every(
        (r: { status: string; provider_sid: string | null; attempts: number }) =>
          r.status === 'sending' && r.provider_sid?.startsWith('SM') && r.attempts === 1,
      ),
    ).toBe(true);
    expect(new Set(rows.map((r: { provider_sid: string }) => r.provider_sid)).size).toBe(12);
    // Each status callback names its own row.
    const [first] = provider.sent.filter((m) => m.to === phones[0]);
    expect(first.statusCallback).toBe(`https://porchlight.example.org/webhooks/twilio/status?m=${ids[0]}`);

    // A duplicated (or retried) batch job.
    expect(await send(ids)).toEqual({ sent: 0, suppressed: 0, retried: 0, failed: 0, resolving: 0, unsettled: 0 });
    for (const phone of phones) expect(provider.sentTo(phone)).toBe(1);
  });

  it('sends nothing twice when two workers run the same batch at once', async () => {
    const { ids, phones } = await messages(20);
    const [a, b] = await Promise.all([send(ids), send(ids)]);
    expect(a.sent + b.sent).toBe(20);
    for (const phone of phones) expect(provider.sentTo(phone)).toBe(1);
  });

  it('suppresses the messages to phones that opted out since fan-out and sends the rest', async () => {
    const { ids, phones } = await messages(4);
    await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`insert into phones (tenant_id, phone, opted_out_at) values ($1, $2, now())`, [spec.fixture.tenantId, phones[1]]),
    );
    expect(await send(ids)).toMatchObject({ sent: 3, suppressed: 1 });
    expect(provider.sentTo(phones[1])).toBe(0);
    const rows = await rowsOf(ids);
    expect(rows.find((r: { phone: string }) => r.phone === phones[1])).toMatchObject({ status: 'suppressed', provider_sid: null });
  });

  it('fails a permanently refused message, hands a transiently refused one to its own retry job, and sends the rest', async () => {
    const { ids, phones } = await messages(6);
    provider.refuse.set(phones[1], new ProviderError('permanent', 21614, 'Not a mobile number (21614)', 400));
    provider.refuse.set(phones[3], new ProviderError('transient', 20500, 'Service unavailable', 503));
    provider.refuse.set(phones[4], new ProviderError('rate_limited', 20429, 'Too many requests', 429));
    expect(await send(ids)).toEqual({ sent: 3, suppressed: 0, retried: 2, failed: 1, resolving: 0, unsettled: 0 });
    const rows = new Map((await rowsOf(ids)).map((r: { phone: string }) => [r.phone, r]));
    expect(rows.get(phones[1])).toMatchObject({ status: 'failed', error_code: 21614, provider_sid: null });
    // Released for a later try: the transient failure spent a try, the throttled one did not.
    expect(rows.get(phones[3])).toMatchObject({ status: 'queued', error_code: 20500, attempts: 1, provider_sid: null });
    expect(rows.get(phones[4])).toMatchObject({ status: 'queued', attempts: 0, provider_sid: null });
    for (const i of [0, 2, 5]) expect(rows.get(phones[i])).toMatchObject({ status: 'sending', provider_sid: expect.stringMatching(/^SM/) });

    const delivery = spec.jobs.queue(QueueName.Delivery);
    const transient = await delivery.getJob(jobId.sendMessage(ids[3]));
    expect(transient).toMatchObject({ name: JobName.SendMessage, data: { messageId: ids[3], triesBefore: 1 }, opts: { delay: 1000 } });
    expect(await transient?.getState()).toBe('delayed');
    const throttled = await delivery.getJob(jobId.sendMessage(ids[4]));
    expect(throttled?.data).toEqual(expect.not.objectContaining({ triesBefore: expect.anything() }));
    expect(throttled?.opts.delay).toBeGreaterThanOrEqual(1000);
    expect(await delivery.getJob(jobId.sendMessage(ids[1]))).toBeUndefined();
    // The batch again: nothing is sent twice, the released rows are their retry jobs' business.
    expect(await send([ids[0], ids[1], ids[2], ids[5]])).toMatchObject({ sent: 0 });
    for (const i of [0, 2, 5]) expect(provider.sentTo(phones[i])).toBe(1);
  });

  it("keeps within the sender's messages per second: what it allows goes, the rest waits in retry jobs without spending a try", async () => {
    const { ids, phones } = await messages(5);
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update tenants set sms_messages_per_second = 2 where id = $1`, [spec.fixture.tenantId]));
    try {
      const fresh = new TenantSmsCache(spec.db, new TenantRepository(new SecretBox(TEST_SECRETS_KEY)));
      const single = new SendMessageUseCase(spec.db, fresh, providers, new SenderRateLimiter(spec.redis, spec.prefix), spec.jobs, {
        publicBaseUrl: 'https://porchlight.example.org',
        unreachableRetryMs: 1000,
      });
      const paced = new SendBatchUseCase(spec.db, fresh, new SenderRateLimiter(spec.redis, spec.prefix), spec.jobs, single);
      const report = await TenantContext.run({ tenantId: spec.fixture.tenantId }, () => paced.execute(ids, attempt));
      // At most one second's worth now (two, or four when the second turned between the asks).
      expect(report.sent).toBeGreaterThanOrEqual(2);
      expect(report.sent).toBeLessThanOrEqual(4);
      expect(report.retried).toBe(5 - report.sent);
      const waiting = (await rowsOf(ids)).filter((r: { status: string }) => r.status === 'queued');
      expect(waiting).toHaveLength(report.retried);
      for (const r of waiting) {
        expect(r.attempts).toBe(0);
        expect((await spec.jobs.queue(QueueName.Delivery).getJob(jobId.sendMessage(r.id)))?.name).toBe(JobName.SendMessage);
      }
      expect(phones.map((p) => provider.sentTo(p)).reduce((a, b) => a + b)).toBe(report.sent);
    } finally {
      await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update tenants set sms_messages_per_second = null where id = $1`, [spec.fixture.tenantId]));
    }
  });

  it('gives a batch that gets its turn while the worker is stopping back to the queue, claiming nothing', async () => {
    const { ids, phones } = await messages(3);
    const stopping = TenantContext.run({ tenantId: spec.fixture.tenantId }, () => batch.execute(ids, attempt, { priority: 1000, stopping: () => true }));
    await expect(stopping).rejects.toMatchObject({ delayMs: 0 });
    await expect(stopping).rejects.toBeInstanceOf(RetryLaterError);
    expect((await rowsOf(ids)).map((r: { status: string; attempts: number }) => [r.status, r.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
      ['queued', 0],
    ]);
    for (const phone of phones) expect(provider.sentTo(phone)).toBe(0);
  });

  it("never stores a SID the message's callbacks retired before the batch wrote its SIDs (an unreachable handset, requeued)", async () => {
    const { ids, phones } = await messages(3);
    // The callbacks of the first send outrun the batch: `undelivered` 30003 retires the SID and requeues the row.
    provider.afterAccept.set(phones[1], (sid) =>
      spec.db.txFor(spec.fixture.tenantId, (m) =>
        m.query(`update messages set status = 'queued', provider_sid_history = provider_sid_history || $2::text, provider_sid = null where id = $1`, [
          ids[1],
          sid,
        ]),
      ),
    );
    expect(await send(ids)).toMatchObject({ sent: 3 });
    provider.afterAccept.clear();
    const rows = new Map((await rowsOf(ids)).map((r: { phone: string }) => [r.phone, r]));
    expect(rows.get(phones[1])).toMatchObject({ status: 'queued', provider_sid: null });
    // So its retry claims it and sends it again.
    expect(await send([ids[1]])).toMatchObject({ sent: 1 });
    expect(provider.sentTo(phones[1])).toBe(2);
  });

  it('leaves a message whose window has not opened to its own job, delayed until it opens', async () => {
    const { ids } = await messages(2);
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set send_after = now() + interval '1 hour' where id = $1`, [ids[1]]));
    expect(await send(ids)).toMatchObject({ sent: 1, retried: 1 });
    const waiting = await spec.jobs.queue(QueueName.Delivery).getJob(jobId.sendMessage(ids[1]));
    expect(waiting?.opts.delay).toBeGreaterThan(3_500_000);
    expect((await rowsOf([ids[1]]))[0]).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('recovers a batch whose worker died between the provider calls and the SID write: each message is found at the provider, none is sent again', async () => {
    const { ids, phones } = await messages(5);
    const call = spec.db.call.bind(spec.db);
    const crash = jest.spyOn(spec.db, 'call').mockImplementation(async (fn: string, tenantId: string, args?: readonly unknown[]) => {
      if (fn === 'record_provider_sids') throw new Error('the worker died');
      return call(fn, tenantId, args);
    });
    try {
      await expect(send(ids)).rejects.toThrow('the worker died');
    } finally {
      crash.mockRestore();
    }
    for (const phone of phones) expect(provider.sentTo(phone)).toBe(1);
    expect((await rowsOf(ids)).every((r: { status: string; provider_sid: string | null }) => r.status === 'sending' && r.provider_sid === null)).toBe(true);
    // A batch job the worker still held would keep the look-up waiting.
    const batchJob = jobId.sendBatch('00000000-0000-0000-0000-000000000000', ids[0], ids[4]);
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set batch_job_id = $2 where id = any($1::uuid[])`, [ids, batchJob]));
    const lock = `${spec.jobs.queue(QueueName.Delivery).toKey(batchJob)}:lock`;
    await spec.redis.set(lock, 'worker-token', 'PX', 60_000);

    // The batch job again (BullMQ's retry) claims nothing and sends nothing.
    expect(await send(ids)).toMatchObject({ sent: 0 });

    // The reconciler hands the stale claims to message.resolve.
    const reconciler = new Reconciler(spec.db, spec.jobs, { staleAfterSeconds: 30, sendingStaleAfterSeconds: 0, statusStaleAfterSeconds: 900 }, null);
    await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`update messages set claimed_at = claimed_at - interval '1 second' where id = any($1::uuid[])`, [ids]),
    );
    const report = await TenantContext.run({ tenantId: spec.fixture.tenantId, correlationId: 'spec' }, () => reconciler.sweepTenant(spec.fixture.tenantId));
    expect(report.unresolved).toBeGreaterThanOrEqual(5);
    const resolver = new ResolveMessageUseCase(spec.db, credentials, providers, spec.jobs);
    const lookups = await Promise.all(
      ids.map(async (id) => {
        const [{ claimed }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
          m.query(`select extract(epoch from claimed_at)::bigint::text as claimed from messages where id = $1`, [id]),
        );
        const job = await spec.jobs.queue(QueueName.Delivery).getJob(jobId.resolveMessage(id, claimed));
        expect(job?.data).toMatchObject({ messageId: id, claimedAt: claimed });
        return claimed as string;
      }),
    );
    const resolve = (i: number) => TenantContext.run({ tenantId: spec.fixture.tenantId }, () => resolver.execute(ids[i], lookups[i]));
    await expect(resolve(0)).rejects.toBeInstanceOf(RetryLaterError);
    await spec.redis.del(lock);
    for (let i = 0; i < ids.length; i += 1) expect(await resolve(i)).toBe('found');
    for (const phone of phones) expect(provider.sentTo(phone)).toBe(1);
    expect(
      (await rowsOf(ids)).every((r: { status: string; provider_sid: string | null }) => r.status === 'sent' && r.provider_sid?.startsWith('SMfound')),
    ).toBe(true);
  });
});
