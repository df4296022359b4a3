import { createDataSource, TenantDb } from '@porchlight/database';
import { TenantRepository, SecretBox } from '@porchlight/identity';
import { RetryLaterError } from '@porchlight/queue';
import { OutboundSms, ProviderError, ProviderMessage, SentMessage, SmsProvider } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { createTenantFixture, TEST_DATABASE_URL, TEST_SECRETS_KEY, TenantFixture } from '@porchlight/testing';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { SendMessageUseCase } from './send-message.use-case';
import { SmsProviders } from './sms-providers';
import { TenantSmsCache } from './tenant-sms-cache';

/** A provider at the edge of the world: records what it was asked to send, answers as told. */
class ScriptedProvider implements SmsProvider {
  sent: OutboundSms[] = [];
  next: ProviderError | undefined;

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
    return this.sent.filter((m) => m.to === to).map((m, i) => ({ sid: `SMfound${i}`, status: 'sent', to, body: m.body, createdAt: new Date() }));
  }
}

describe('SendMessageUseCase (Postgres)', () => {
  let dataSource: DataSource;
  let db: TenantDb;
  let fixture: TenantFixture;
  const provider = new ScriptedProvider();
  let useCase: SendMessageUseCase;
  const attempt = { attemptsMade: 0, maxAttempts: 8 };

  beforeAll(async () => {
    dataSource = await createDataSource({ url: TEST_DATABASE_URL, applicationName: 'send-spec', poolSize: 3 }).initialize();
    db = new TenantDb(dataSource);
    fixture = await createTenantFixture(db);
    const providers = new SmsProviders('http://127.0.0.1:9');
    jest.spyOn(providers, 'for').mockReturnValue(provider);
    useCase = new SendMessageUseCase(db, new TenantSmsCache(db, new TenantRepository(new SecretBox(TEST_SECRETS_KEY))), providers, 'https://porchlight.example.org');
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const message = (phone: string, kind = 'notice') =>
    db.txFor(fixture.tenantId, async (m) => {
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', $2, $3, 'Hello', 'queued') returning id`,
        [fixture.tenantId, kind, phone],
      );
      return row.id as string;
    });
  const row = (id: string) => db.txFor(fixture.tenantId, async (m) => (await m.query(`select * from messages where id = $1`, [id]))[0]);
  const send = (id: string) => TenantContext.run({ tenantId: fixture.tenantId }, () => useCase.execute(id, attempt));

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
    await db.txFor(fixture.tenantId, (m) => m.query(`insert into phones (tenant_id, phone, opted_out_at) values ($1, '+16175552002', now())`, [fixture.tenantId]));
    const notice = await message('+16175552002');
    expect(await send(notice)).toBe('suppressed');
    expect((await row(notice)).status).toBe('suppressed');
    const confirmation = await message('+16175552002', 'system');
    expect(await send(confirmation)).toBe('sent');
  });

  it('releases the claim and asks for a later retry when the provider throttles', async () => {
    const id = await message('+16175552003');
    provider.next = new ProviderError('rate_limited', 20429, 'Too many requests', 429);
    await expect(send(id)).rejects.toBeInstanceOf(RetryLaterError);
    expect((await row(id)).status).toBe('queued');
    expect(await send(id)).toBe('sent');
  });

  it('marks the phone opted out on 21610 and never retries', async () => {
    const id = await message('+16175552004');
    provider.next = new ProviderError('opted_out', 21610, 'The recipient has opted out at the carrier (21610)', 400);
    await expect(send(id)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await row(id)).toMatchObject({ status: 'failed', error_code: 21610 });
    const ledger = await db.txFor(fixture.tenantId, (m) => m.query(`select action, source from consent_events where phone = '+16175552004'`));
    expect(ledger).toEqual([{ action: 'opt_out', source: 'provider' }]);
    const next = await message('+16175552004');
    expect(await send(next)).toBe('suppressed');
  });

  it('marks the phone invalid on 21211', async () => {
    const id = await message('+16175552005');
    provider.next = new ProviderError('invalid_number', 21211, "The 'To' number is not a valid phone number (21211)", 400);
    await expect(send(id)).rejects.toBeInstanceOf(UnrecoverableError);
    const [phone] = await db.txFor(fixture.tenantId, (m) => m.query(`select invalid_reason from phones where phone = '+16175552005'`));
    expect(phone.invalid_reason).toContain('21211');
  });

  it("cannot claim another tenant's message", async () => {
    const id = await message('+16175552006');
    const other = await createTenantFixture(db);
    const result = await TenantContext.run({ tenantId: other.tenantId }, () => useCase.execute(id, attempt));
    expect(result).toBe('skipped');
    expect((await row(id)).status).toBe('queued');
  });
});
