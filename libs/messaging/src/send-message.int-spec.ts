import { TenantRepository, SecretBox } from '@porchlight/identity';
import { RetryLaterError } from '@porchlight/queue';
import { OutboundSms, ProviderError, ProviderMessage, SentMessage, SmsProvider } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { createTenantFixture, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { JobName, QueueName } from '@porchlight/contracts';
import { TEST_REDIS_URL, waitFor } from '@porchlight/testing';
import IORedis from 'ioredis';
import { PROVIDER_SETTLE_MS, ResolveMessageUseCase } from './resolve-message.use-case';
import { MAX_UNREACHABLE_ATTEMPTS, SendMessageUseCase } from './send-message.use-case';
import { SenderRateLimiter } from './sender-rate-limiter';
import { SmsProviders } from './sms-providers';
import { DeliveredSurveyMessage } from './survey-deliveries';
import { TenantSmsCache } from './tenant-sms-cache';

/** A provider at the edge of the world: records what it was asked to send, answers as told. */
class ScriptedProvider implements SmsProvider {
  sent: OutboundSms[] = [];
  next: ProviderError | undefined;
  /** What a look-up says of the sends it finds. */
  foundStatus = 'sent';

  async send(message: OutboundSms): Promise<ProviderMessage> {
    if (this.next) {
      const error = this.next;
      this.next = undefined;
      throw error;
    }
    this.sent.push(message);
    return { sid: `SM${String(this.sent.length).padStart(32, '0')}`, status: 'queued' };
  }

  async fetch(sid: string): Promise<ProviderMessage> {
    return { sid, status: 'queued' };
  }

  async findSent(to: string): Promise<SentMessage[]> {
    return this.sent
      .filter((m) => m.to === to)
      .map((m, i) => ({ sid: `SMfound${to}-${i}`, status: this.foundStatus, to, body: m.body, createdAt: new Date() }));
  }
}

describe('SendMessageUseCase (Postgres)', () => {
  const spec = useIntegration('send', { poolSize: 3 });
  const provider = new ScriptedProvider();
  let useCase: SendMessageUseCase;
  let providers: SmsProviders;
  let credentials: TenantSmsCache;
  const attempt = { attemptsMade: 0, maxAttempts: 8 };

  beforeAll(async () => {
    providers = new SmsProviders({ sandboxUrl: 'http://127.0.0.1:9' });
    jest.spyOn(providers, 'for').mockReturnValue(provider);
    credentials = new TenantSmsCache(spec.db, new TenantRepository(new SecretBox(TEST_SECRETS_KEY)));
    useCase = new SendMessageUseCase(spec.db, credentials, providers, new SenderRateLimiter(spec.redis, spec.prefix), spec.jobs, {
      publicBaseUrl: 'https://porchlight.example.org',
      unreachableRetryMs: 1000,
    });
  });

  const message = (phone: string, kind = 'notice') =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', $2, $3, 'Hello', 'queued') returning id`,
        [spec.fixture.tenantId, kind, phone],
      );
      return row.id as string;
    });
  const row = (id: string) => spec.db.txFor(spec.fixture.tenantId, async (m) => (await m.query(`select * from messages where id = $1`, [id]))[0]);
  const send = (id: string) => TenantContext.run({ tenantId: spec.fixture.tenantId }, () => useCase.execute(id, attempt));

  it('sends once with a status callback naming the message, and stores the SID', async () => {
    const id = await message('+16175552001');
    expect(await send(id)).toBe('sent');
    expect(await send(id)).toBe('skipped');
    const calls = provider.sent.filter((m) => m.to === '+16175552001');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ from: '+16175550100', statusCallback: `https://porchlight.example.org/webhooks/twilio/status?m=${id}` });
    expect(await row(id)).toMatchObject({ status: 'sending', provider_sid: expect.stringMatching(/^SM/), attempts: 1 });
  });

  it('suppresses a notice to a phone that opted out after fan-out, but still sends a confirmation', async () => {
    await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`insert into phones (tenant_id, phone, opted_out_at) values ($1, '+16175552002', now())`, [spec.fixture.tenantId]),
    );
    const notice = await message('+16175552002');
    expect(await send(notice)).toBe('suppressed');
    expect((await row(notice)).status).toBe('suppressed');
    const confirmation = await message('+16175552002', 'system');
    expect(await send(confirmation)).toBe('sent');
  });

  it('releases the claim and asks for a later retry when the provider throttles, without spending a try', async () => {
    const id = await message('+16175552003');
    for (let i = 0; i < 5; i++) {
      provider.next = new ProviderError('rate_limited', 20429, 'Too many requests', 429);
      await expect(send(id)).rejects.toBeInstanceOf(RetryLaterError);
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0 });
    }
    expect(await send(id)).toBe('sent');
    expect((await row(id)).attempts).toBe(1);
  });

  it('marks the phone opted out on 21610 and never retries', async () => {
    const id = await message('+16175552004');
    provider.next = new ProviderError('opted_out', 21610, 'The recipient has opted out at the carrier (21610)', 400);
    await expect(send(id)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await row(id)).toMatchObject({ status: 'failed', error_code: 21610 });
    const ledger = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select action, source from consent_events where phone = '+16175552004'`));
    expect(ledger).toEqual([{ action: 'opt_out', source: 'provider' }]);
    const next = await message('+16175552004');
    expect(await send(next)).toBe('suppressed');
  });

  it('marks the phone invalid on 21211', async () => {
    const id = await message('+16175552005');
    provider.next = new ProviderError('invalid_number', 21211, "The 'To' number is not a valid phone number (21211)", 400);
    await expect(send(id)).rejects.toBeInstanceOf(UnrecoverableError);
    const [phone] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select invalid_reason from phones where phone = '+16175552005'`));
    expect(phone.invalid_reason).toContain('21211');
  });

  it("cannot claim another tenant's message", async () => {
    const id = await message('+16175552006');
    const other = await createTenantFixture(spec.db);
    const result = await TenantContext.run({ tenantId: other.tenantId }, () => useCase.execute(id, attempt));
    expect(result).toBe('skipped');
    expect((await row(id)).status).toBe('queued');
  });

  it('retries an unreachable handset (30003) a bounded number of times, later each time, then fails it', async () => {
    const id = await message('+16175552007');
    const waits: number[] = [];
    for (let i = 1; i < MAX_UNREACHABLE_ATTEMPTS; i += 1) {
      provider.next = new ProviderError('retry_later', 30003, 'Unreachable destination handset (30003)', 400);
      const error = await send(id).catch((e) => e);
      expect(error).toBeInstanceOf(RetryLaterError);
      waits.push(error.delayMs);
      expect(await row(id)).toMatchObject({ status: 'queued', error_code: 30003, attempts: i, unreachable_attempts: i });
    }
    expect(waits).toEqual([1000, 2000]);
    provider.next = new ProviderError('retry_later', 30003, 'Unreachable destination handset (30003)', 400);
    await expect(send(id)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await row(id)).toMatchObject({
      status: 'failed',
      error_code: 30003,
      attempts: MAX_UNREACHABLE_ATTEMPTS,
      unreachable_attempts: MAX_UNREACHABLE_ATTEMPTS,
    });
  });

  it('keeps every unreachable-handset retry for a message whose earlier tries failed transiently', async () => {
    const id = await message('+16175552017');
    for (let i = 1; i <= 2; i += 1) {
      provider.next = new ProviderError('transient', undefined, 'connect ECONNREFUSED', undefined);
      await expect(send(id)).rejects.toBeInstanceOf(ProviderError);
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: i, unreachable_attempts: 0 });
    }
    const waits: number[] = [];
    for (let i = 1; i < MAX_UNREACHABLE_ATTEMPTS; i += 1) {
      provider.next = new ProviderError('retry_later', 30003, 'Unreachable destination handset (30003)', 400);
      const error = await send(id).catch((e) => e);
      expect(error).toBeInstanceOf(RetryLaterError);
      waits.push(error.delayMs);
    }
    expect(waits).toEqual([1000, 2000]);
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 2 + MAX_UNREACHABLE_ATTEMPTS - 1, unreachable_attempts: MAX_UNREACHABLE_ATTEMPTS - 1 });
    expect(await send(id)).toBe('sent');
  });

  it('holds a message until its sending window opens', async () => {
    const id = await message('+16175552008');
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set send_after = now() + interval '2 hours' where id = $1`, [id]));
    const error = await send(id).catch((e) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error.delayMs).toBeGreaterThan(7_000_000);
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0, provider_sid: null });
  });

  it('keeps a sender within its messages per second, counted in segments, without spending attempts', async () => {
    const paced = await createTenantFixture(spec.db);
    await spec.db.txFor(paced.tenantId, (m) => m.query(`update tenants set sms_messages_per_second = 3 where id = $1`, [paced.tenantId]));
    const queued = (phone: string, body: string) =>
      spec.db.txFor(paced.tenantId, async (m) => {
        const [r] = await m.query(
          `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', 'notice', $2, $3, 'queued') returning id`,
          [paced.tenantId, phone, body],
        );
        return r.id as string;
      });
    const sendPaced = (id: string) => TenantContext.run({ tenantId: paced.tenantId }, () => useCase.execute(id, attempt));
    // Two segments, then one: the budget of three per second is spent; the next waits.
    const outcomes: string[] = [];
    for (const [phone, body] of [
      ['+16175552101', 'x'.repeat(200)],
      ['+16175552102', 'short'],
      ['+16175552103', 'short'],
    ]) {
      const id = await queued(phone, body);
      outcomes.push(await sendPaced(id).catch((e) => (e instanceof RetryLaterError && e.delayMs <= 1000 ? 'wait' : String(e))));
      if (outcomes.at(-1) === 'wait') {
        const [r] = await spec.db.txFor(paced.tenantId, (m) => m.query(`select status, attempts from messages where id = $1`, [id]));
        expect(r).toEqual({ status: 'queued', attempts: 0 });
      }
    }
    // The window may roll over between two calls; what can never happen is a third message inside a full second.
    expect(outcomes.filter((o) => o === 'sent').length).toBeGreaterThanOrEqual(2);
    expect(outcomes.slice(0, 2)).toEqual(['sent', 'sent']);
    // On a pinned clock: 2 + 1 segments fill the second; the next waits until the second ends.
    const limiter = new SenderRateLimiter(spec.redis, `${spec.prefix}-fresh`);
    const second = Math.floor(Date.now() / 1000) * 1000;
    expect(await limiter.acquire('s', 2, 3, second + 100)).toBe(0);
    expect(await limiter.acquire('s', 1, 3, second + 200)).toBe(0);
    expect(await limiter.acquire('s', 1, 3, second + 300)).toBe(700);
    expect(await limiter.acquire('other', 1, 3, second + 300)).toBe(0);
    expect(await limiter.acquire('s', 1, 3, second + 1000)).toBe(0);
    // A message bigger than a whole second's budget still goes alone (it would never go otherwise).
    expect(await limiter.acquire('big', 5, 3, second + 1100)).toBe(0);
    expect(await limiter.acquire('big', 1, 3, second + 1200)).toBe(800);
  });

  describe('a message claimed by a worker that died before storing the SID', () => {
    const claimedWithoutSid = async (phone: string, body: string) => {
      const id = await message(phone);
      await spec.db.txFor(spec.fixture.tenantId, (m) =>
        m.query(`update messages set status = 'sending', body = $2, attempts = 1, claimed_at = now() - interval '5 minutes' where id = $1`, [id, body]),
      );
      return id;
    };
    const claimOf = async (id: string): Promise<string> => {
      const [{ epoch }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
        m.query(`select extract(epoch from claimed_at)::bigint::text as epoch from messages where id = $1`, [id]),
      );
      return epoch;
    };
    /** The lookup the reconciler would enqueue for the row's present claim (or for `claimedAt`). */
    const resolve = async (id: string, claimedAt?: string) => {
      const claim = claimedAt ?? (await claimOf(id));
      return TenantContext.run({ tenantId: spec.fixture.tenantId }, () =>
        new ResolveMessageUseCase(spec.db, credentials, providers, spec.jobs).execute(id, claim),
      );
    };

    it('is found at the provider and keeps its SID, without sending again', async () => {
      const id = await claimedWithoutSid('+16175552201', 'Snow day: no school');
      provider.sent.push({ to: '+16175552201', body: 'Snow day: no school' } as OutboundSms);
      const before = provider.sent.length;
      expect(await resolve(id)).toBe('found');
      expect(await row(id)).toMatchObject({ status: 'sent', provider_sid: expect.stringMatching(/^SMfound/) });
      expect(provider.sent).toHaveLength(before);
      expect(await resolve(id)).toBe('skipped');
    });

    it('tells surveys when the send it finds was a survey message already delivered', async () => {
      const phone = '+16175552209';
      const id = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
        const [survey] = await m.query(
          `insert into surveys (tenant_id, title, source_language, audience, questions, status) values ($1, 'Found', 'en', '{"all":true}', '[]', 'open') returning id`,
          [spec.fixture.tenantId],
        );
        const [row] = await m.query(
          `insert into messages (tenant_id, survey_id, survey_step, direction, kind, phone, body, status, attempts, claimed_at)
           values ($1, $2, 'q:a', 'outbound', 'survey', $3, 'Which day?', 'sending', 1, now() - interval '5 minutes') returning id`,
          [spec.fixture.tenantId, survey.id, phone],
        );
        return row.id as string;
      });
      provider.sent.push({ to: phone, body: 'Which day?' } as OutboundSms);
      provider.foundStatus = 'delivered';
      const told: DeliveredSurveyMessage[][] = [];
      const surveys = { delivered: async (_m: unknown, messages: readonly DeliveredSurveyMessage[]) => void told.push([...messages]) };
      try {
        const found = await TenantContext.run({ tenantId: spec.fixture.tenantId }, async () =>
          new ResolveMessageUseCase(spec.db, credentials, providers, spec.jobs, surveys).execute(id, await claimOf(id)),
        );
        expect(found).toBe('found');
      } finally {
        provider.foundStatus = 'sent';
      }
      expect(await row(id)).toMatchObject({ status: 'delivered' });
      expect(told).toEqual([[{ surveyId: expect.any(String), phone }]]);
    });

    it('is not found at the provider, so goes back to the queue and is sent once', async () => {
      const id = await claimedWithoutSid('+16175552202', 'Early release at noon');
      expect(await resolve(id)).toBe('requeued');
      expect(await row(id)).toMatchObject({ status: 'queued', provider_sid: null });
      const job = await spec.jobs.queue(QueueName.Delivery).getJob(`msg-${id}-r1`);
      expect(job?.name).toBe(JobName.SendMessage);
      expect(await send(id)).toBe('sent');
      expect(provider.sent.filter((m) => m.to === '+16175552202')).toHaveLength(1);
    });
    it('looks again, sending nothing, while the provider may still accept a request whose answer timed out', async () => {
      const id = await claimedWithoutSid('+16175552205', 'Concert tonight at 7');
      await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set claimed_at = now() - interval '20 seconds' where id = $1`, [id]));
      const early = await resolve(id).catch((error: unknown) => error);
      expect(early).toBeInstanceOf(RetryLaterError);
      expect((early as RetryLaterError).delayMs).toBeGreaterThan(PROVIDER_SETTLE_MS - 30_000);
      expect(await row(id)).toMatchObject({ status: 'sending', provider_sid: null });
      expect(await spec.jobs.queue(QueueName.Delivery).getJob(`msg-${id}-r1`)).toBeUndefined();
      // The overloaded provider took the request after all: the next look finds it, and nothing is sent again.
      provider.sent.push({ to: '+16175552205', body: 'Concert tonight at 7' } as OutboundSms);
      const before = provider.sent.length;
      expect(await resolve(id)).toBe('found');
      expect(provider.sent).toHaveLength(before);
    });

    it('decides only about the claim it was enqueued for: a newer claim is left alone', async () => {
      const id = await claimedWithoutSid('+16175552203', 'Picture day moved');
      const earlier = String(Number(await claimOf(id)) - 60);
      expect(await resolve(id, earlier)).toBe('skipped');
      expect(await row(id)).toMatchObject({ status: 'sending', provider_sid: null });
      expect(await spec.jobs.queue(QueueName.Delivery).getJob(`msg-${id}-r1`)).toBeUndefined();
    });

    it('waits while a worker still holds the send job: a slow answer is not a lost one', async () => {
      const id = await claimedWithoutSid('+16175552204', 'Bus 12 is late');
      await spec.jobs.add({ name: JobName.SendMessage, tenantId: spec.fixture.tenantId, messageId: id });
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      const worker = new Worker(
        QueueName.Delivery,
        async (job) => {
          if (job.id !== `msg-${id}`) return;
          started();
          await finished;
        },
        { connection, prefix: spec.prefix },
      );
      try {
        await running;
        const held = await resolve(id).catch((error: unknown) => error);
        expect(held).toBeInstanceOf(RetryLaterError);
        expect(await row(id)).toMatchObject({ status: 'sending', provider_sid: null });
        finish();
        await waitFor('the send job let go', async () => !(await spec.jobs.anyHeld(QueueName.Delivery, [`msg-${id}`])), { timeoutMs: 30_000 });
      } finally {
        finish();
        await worker.close();
        connection.disconnect();
      }
      expect(await resolve(id)).toBe('requeued');
      expect(await row(id)).toMatchObject({ status: 'queued', provider_sid: null });
    });
  });

  it('does not resend after an answer that may have been lost: the row stays claimed and is looked up first', async () => {
    const id = await message('+16175552301');
    provider.next = new ProviderError('transient', undefined, 'The provider could not be reached (ECONNRESET)', undefined, true);
    expect(await send(id)).toBe('resolving');
    expect(await row(id)).toMatchObject({ status: 'sending', provider_sid: null, attempts: 1 });
    const [{ claimed }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select extract(epoch from claimed_at)::bigint::text as claimed from messages where id = $1`, [id]),
    );
    const job = await spec.jobs.queue(QueueName.Delivery).getJob(`msg-resolve-${id}-${claimed}`);
    expect(job?.name).toBe(JobName.ResolveMessage);
    expect(job?.opts.delay).toBeGreaterThan(0);
    // A failure that proves nothing arrived is simply retried.
    const refused = await message('+16175552302');
    provider.next = new ProviderError('transient', undefined, 'The provider could not be reached (ECONNREFUSED)');
    await expect(send(refused)).rejects.toBeInstanceOf(ProviderError);
    expect(await row(refused)).toMatchObject({ status: 'queued', provider_sid: null });
  });

  it('does not take another row’s send for its own when resolving (same text, same phone)', async () => {
    const phone = '+16175552303';
    const first = await message(phone);
    expect(await send(first)).toBe('sent');
    const sentFirst = provider.sent.filter((m) => m.to === phone);
    expect(sentFirst).toHaveLength(1);
    // The provider lists that send as SMfound<phone>-0; the first row owns it.
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set provider_sid = $2 where id = $1`, [first, `SMfound${phone}-0`]));
    const second = await message(phone);
    await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`update messages set status = 'sending', attempts = 1, claimed_at = now() - interval '5 minutes' where id = $1`, [second]),
    );
    const [{ epoch }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select extract(epoch from claimed_at)::bigint::text as epoch from messages where id = $1`, [second]),
    );
    const resolved = await TenantContext.run({ tenantId: spec.fixture.tenantId }, () =>
      new ResolveMessageUseCase(spec.db, credentials, providers, spec.jobs).execute(second, epoch),
    );
    expect(resolved).toBe('requeued');
    expect(await row(second)).toMatchObject({ status: 'queued', provider_sid: null });
  });
});
