import { Logger } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { SecretBox, SettingsUseCases, TenantDirectory, TenantRepository } from '@porchlight/identity';
import { RetryLaterError } from '@porchlight/queue';
import { OutboundSms, ProviderMessage, SentMessage, SmsProvider } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { randomHex, randomSecretsKey, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { Reconciler } from './reconciler';
import { ResolveMessageUseCase } from './resolve-message.use-case';
import { SendMessageUseCase } from './send-message.use-case';
import { SenderRateLimiter } from './sender-rate-limiter';
import { SmsProviders } from './sms-providers';
import { SECRET_UNREADABLE_RETRY_MS, TenantSmsCache } from './tenant-sms-cache';
import { TwilioWebhooks } from './twilio-webhooks.use-cases';

// The sweeps go through every district of the test database.
jest.setTimeout(60_000);

/** The provider at the edge of the world: records what it was asked to send. */
class RecordingProvider implements SmsProvider {
  sent: OutboundSms[] = [];
  async send(message: OutboundSms): Promise<ProviderMessage> {
    this.sent.push(message);
    return { sid: `SM${randomHex(16)}`, status: 'queued' };
  }
  async fetch(sid: string): Promise<ProviderMessage> {
    return { sid, status: 'queued' };
  }
  async findSent(): Promise<SentMessage[]> {
    return [];
  }
}

/**
 * A district whose auth token was sealed under another SECRETS_KEY (the key was changed): its
 * messages wait instead of failing one by one, the reconciler says so once per sweep, and the
 * district admin sees it in the settings until the token is entered again.
 */
describe('a district whose SMS secret cannot be read', () => {
  const BASE = 'https://porchlight.example.org';
  const spec = useIntegration('secret-unreadable', { poolSize: 3 });
  let slug: string;
  let admin: StaffPrincipal;
  const tenants = new TenantRepository(new SecretBox(TEST_SECRETS_KEY));
  const provider = new RecordingProvider();
  const providers = new SmsProviders({ sandboxUrl: 'http://127.0.0.1:9' });
  const attempt = { attemptsMade: 0, maxAttempts: 8 };

  beforeAll(async () => {
    jest.spyOn(providers, 'for').mockReturnValue(provider);
    admin = { userId: spec.fixture.adminId, tenantId: spec.fixture.tenantId, role: 'district_admin', schoolIds: [], language: 'en' };
    slug = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
      await m.query(`update tenants set sms_auth_token_enc = $2 where id = $1`, [
        spec.fixture.tenantId,
        new SecretBox(randomSecretsKey()).seal(spec.fixture.authToken),
      ]);
      return (await m.query(`select slug from tenants where id = $1`, [spec.fixture.tenantId]))[0].slug as string;
    });
  });

  const message = (status: 'queued' | 'sending') =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, claimed_at) values ($1, 'outbound', 'notice', '+16175553001', 'Hello', $2, now() - interval '5 minutes') returning id`,
        [spec.fixture.tenantId, status],
      );
      return row.id as string;
    });
  const row = (id: string) =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => (await m.query(`select status, attempts, provider_sid from messages where id = $1`, [id]))[0]);
  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: spec.fixture.tenantId }, work);
  const sender = (cache: TenantSmsCache) =>
    new SendMessageUseCase(spec.db, cache, providers, new SenderRateLimiter(spec.redis, spec.prefix), spec.jobs, {
      publicBaseUrl: BASE,
      unreachableRetryMs: 1000,
    });

  it('leaves its messages queued and asks for a later try, without calling the provider or spending an attempt', async () => {
    const cache = new TenantSmsCache(spec.db, tenants);
    const queued = await message('queued');
    const waits = await inTenant(() => sender(cache).execute(queued, attempt)).catch((error: unknown) => error);
    expect(waits).toBeInstanceOf(RetryLaterError);
    expect((waits as RetryLaterError).delayMs).toBeGreaterThanOrEqual(SECRET_UNREADABLE_RETRY_MS);
    expect(await row(queued)).toEqual({ status: 'queued', attempts: 0, provider_sid: null });

    // A claimed message left to be looked up waits the same way.
    const claimed = await message('sending');
    const [{ epoch }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select extract(epoch from claimed_at)::bigint::text as epoch from messages where id = $1`, [claimed]),
    );
    await expect(inTenant(() => new ResolveMessageUseCase(spec.db, cache, providers, spec.jobs).execute(claimed, epoch))).rejects.toBeInstanceOf(
      RetryLaterError,
    );
    expect(await row(claimed)).toEqual({ status: 'sending', attempts: 0, provider_sid: null });
    expect(provider.sent).toEqual([]);
  });

  it('is reported once per reconciler sweep, naming the district, what waits and what to do, never the secret', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const reconciler = new Reconciler(
        spec.db,
        spec.jobs,
        { staleAfterSeconds: 3600, sendingStaleAfterSeconds: 3600, statusStaleAfterSeconds: 3600 },
        tenants,
      );
      await reconciler.sweep();
      await reconciler.sweep();
      const lines = errors.mock.calls
        .map(([line]) => line as { msg: string; tenantId?: string; slug?: string })
        .filter((line) => line.tenantId === spec.fixture.tenantId);
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(line.slug).toBe(slug);
        expect(line.msg).toContain(`district ${slug} (${spec.fixture.tenantId}): its SMS auth token cannot be decrypted with SECRETS_KEY; 2 messages wait.`);
        expect(line.msg).toContain('PATCH /api/v1/settings');
        expect(JSON.stringify(line)).not.toContain(spec.fixture.authToken);
      }
    } finally {
      errors.mockRestore();
    }
  });

  it('answers its webhooks 503 (try again), not 403, while the token cannot be read', async () => {
    const webhooks = new TwilioWebhooks(spec.db, new TenantDirectory(spec.db), tenants, spec.jobs, { publicBaseUrl: BASE, unreachableRetryMs: 300_000 });
    const params = { AccountSid: spec.fixture.accountSid, MessageSid: `SM${randomHex(16)}`, MessageStatus: 'delivered' };
    const path = '/webhooks/twilio/status';
    await expect(
      webhooks.authenticate({ path, params, signature: getExpectedTwilioSignature(spec.fixture.authToken, `${BASE}${path}`, params) }, undefined),
    ).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('shows the admin sms.status secret_unreadable until the token is entered again; then its messages go', async () => {
    const settings = new SettingsUseCases(spec.db, tenants);
    const before = await inTenant(() => settings.get(admin));
    expect(before.sms).toMatchObject({ status: 'secret_unreadable', statusMessage: expect.stringContaining('enter the auth token again') });
    expect(JSON.stringify(before)).not.toContain(spec.fixture.authToken);

    const after = await inTenant(() => settings.update(admin, { sms: { authToken: spec.fixture.authToken } }));
    expect(after.sms).toMatchObject({ status: 'ok', statusMessage: null });
    expect(
      await new Reconciler(
        spec.db,
        spec.jobs,
        { staleAfterSeconds: 3600, sendingStaleAfterSeconds: 3600, statusStaleAfterSeconds: 3600 },
        tenants,
      ).checkSmsSecret(spec.fixture.tenantId),
    ).toBe(true);

    const queued = await message('queued');
    expect(await inTenant(() => sender(new TenantSmsCache(spec.db, tenants)).execute(queued, attempt))).toBe('sent');
    expect(provider.sent).toHaveLength(1);
  });
});
