import { DomainError, QueueName } from '@porchlight/contracts';
import { SecretBox, TenantDirectory, TenantRepository } from '@porchlight/identity';
import { createTenantFixture, randomHex, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { MAX_UNREACHABLE_ATTEMPTS } from './send-message.use-case';
import { SignedWebhook, TwilioWebhooks } from './twilio-webhooks.use-cases';

const BASE = 'https://porchlight.example.org';

describe('TwilioWebhooks (Postgres and Redis)', () => {
  const spec = useIntegration('webhooks', { poolSize: 3 });
  let webhooks: TwilioWebhooks;

  const signed = (path: string, params: Record<string, string>, token = spec.fixture.authToken): SignedWebhook => ({
    path,
    params,
    signature: getExpectedTwilioSignature(token, `${BASE}${path}`, params),
  });
  const inboundCount = () =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => (await m.query(`select count(*)::int as n from messages where direction = 'inbound'`))[0].n as number);

  beforeAll(async () => {
    webhooks = new TwilioWebhooks(spec.db, new TenantDirectory(spec.db), new TenantRepository(new SecretBox(TEST_SECRETS_KEY)), spec.jobs, {
      publicBaseUrl: BASE,
      unreachableRetryMs: 300_000,
    });
  });

  it('stores an inbound message once per MessageSid', async () => {
    const params = { AccountSid: spec.fixture.accountSid, From: '+16175554001', To: '+16175550100', Body: 'Hola', MessageSid: `SM${randomHex(16)}` };
    const first = await webhooks.receiveSms(signed('/webhooks/twilio/sms', params));
    const again = await webhooks.receiveSms(signed('/webhooks/twilio/sms', params));
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(await inboundCount()).toBe(1);
  });

  it('refuses a webhook signed with another token, or for another URL, and stores nothing', async () => {
    const params = { AccountSid: spec.fixture.accountSid, From: '+16175554002', To: '+16175550100', Body: 'x', MessageSid: `SM${randomHex(16)}` };
    const before = await inboundCount();
    await expect(webhooks.receiveSms(signed('/webhooks/twilio/sms', params, 'not-the-token'))).rejects.toMatchObject({ code: 'forbidden' });
    const otherUrl = { ...signed('/elsewhere', params), path: '/webhooks/twilio/sms' };
    await expect(webhooks.receiveSms(otherUrl)).rejects.toBeInstanceOf(DomainError);
    await expect(webhooks.receiveSms({ path: '/webhooks/twilio/sms', params, signature: undefined })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(webhooks.receiveSms(signed('/webhooks/twilio/sms', { ...params, AccountSid: `AC${randomHex(16)}` }))).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await inboundCount()).toBe(before);
  });

  it('moves a message status only forward, whatever order callbacks arrive in', async () => {
    const id = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', 'notice', '+16175554003', 'x', 'sending') returning id`,
        [spec.fixture.tenantId],
      );
      return row.id as string;
    });
    const sid = `SM${randomHex(16)}`;
    const callback = (status: string) =>
      webhooks.applyStatus(
        signed(`/webhooks/twilio/status?m=${id}`, { AccountSid: spec.fixture.accountSid, From: '+16175550100', MessageSid: sid, MessageStatus: status }),
        id,
      );
    expect(await callback('delivered')).toEqual({ updated: true });
    expect(await callback('sent')).toEqual({ updated: false });
    expect(await callback('queued')).toEqual({ updated: false });
    expect(await callback('delivered')).toEqual({ updated: false });
    const [row] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select status, provider_sid from messages where id = $1`, [id]));
    expect(row).toEqual({ status: 'delivered', provider_sid: sid });
  });

  it('keeps the furthest status when callbacks for many messages arrive at once, in any order', async () => {
    const ids: string[] = await spec.db.txFor(spec.fixture.tenantId, async (m) =>
      (
        await m.query(
          `insert into messages (tenant_id, direction, kind, phone, body, status)
           select $1, 'outbound', 'notice', '+1617555' || (5000 + g), 'x', 'sending' from generate_series(1, 50) g returning id`,
          [spec.fixture.tenantId],
        )
      ).map((row: { id: string }) => row.id),
    );
    const sids = new Map(ids.map((id) => [id, `SM${randomHex(16)}`]));
    const callback = (id: string, status: string) =>
      webhooks.applyStatus(
        signed(`/webhooks/twilio/status?m=${id}`, {
          AccountSid: spec.fixture.accountSid,
          From: '+16175550100',
          MessageSid: sids.get(id)!,
          MessageStatus: status,
        }),
        id,
      );
    // All at once, so they share batches: delivered before sent for half of them, duplicates too.
    const results = await Promise.all(
      ids.flatMap((id, i) => (i % 2 === 0 ? ['sent', 'delivered', 'delivered'] : ['delivered', 'sent', 'queued']).map((status) => callback(id, status))),
    );
    expect(results.filter((r) => r.updated).length).toBeGreaterThanOrEqual(ids.length);
    const rows = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select status, provider_sid from messages where id = any($1::uuid[])`, [ids]));
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect(row.status).toBe('delivered');
    expect(new Set(rows.map((row: { provider_sid: string }) => row.provider_sid))).toEqual(new Set(sids.values()));
  });

  it("cannot move another tenant's message", async () => {
    const other = await createTenantFixture(spec.db);
    const id = await spec.db.txFor(other.tenantId, async (m) => {
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', 'notice', '+16175554004', 'x', 'sending') returning id`,
        [other.tenantId],
      );
      return row.id as string;
    });
    const params = { AccountSid: spec.fixture.accountSid, From: '+16175550100', MessageSid: `SM${randomHex(16)}`, MessageStatus: 'failed' };
    expect(await webhooks.applyStatus(signed(`/webhooks/twilio/status?m=${id}`, params), id)).toEqual({ updated: false });
    const [row] = await spec.db.txFor(other.tenantId, (m) => m.query(`select status from messages where id = $1`, [id]));
    expect(row.status).toBe('sending');
  });

  it('retries an unreachable handset (30003 by callback) on its own budget, whatever other tries the message had', async () => {
    const sent = (attempts: number, unreachable: number) =>
      spec.db.txFor(spec.fixture.tenantId, async (m) => {
        const [message] = await m.query(
          `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid, attempts, unreachable_attempts)
           values ($1, 'outbound', 'system', '+16175554050', 'x', 'sent', $2, $3, $4) returning id, provider_sid`,
          [spec.fixture.tenantId, `SM${randomHex(16)}`, attempts, unreachable],
        );
        return message as { id: string; provider_sid: string };
      });
    const undelivered = (message: { id: string; provider_sid: string }) =>
      webhooks.applyStatus(
        signed(`/webhooks/twilio/status?m=${message.id}`, {
          AccountSid: spec.fixture.accountSid,
          From: '+16175550100',
          MessageSid: message.provider_sid,
          MessageStatus: 'undelivered',
          ErrorCode: '30003',
        }),
        message.id,
      );
    const state = async (id: string) =>
      (await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select status, attempts, unreachable_attempts from messages where id = $1`, [id])))[0];

    // Tried three times already (two transient failures before it), but never found unreachable.
    const fresh = await sent(MAX_UNREACHABLE_ATTEMPTS, 0);
    expect(await undelivered(fresh)).toEqual({ updated: true, retried: true });
    expect(await state(fresh.id)).toEqual({ status: 'queued', attempts: MAX_UNREACHABLE_ATTEMPTS, unreachable_attempts: 1 });
    expect((await spec.jobs.queue(QueueName.Delivery).getJob(`msg-${fresh.id}-r${MAX_UNREACHABLE_ATTEMPTS}`))?.data).toMatchObject({ messageId: fresh.id });

    // Its last unreachable try spent: it stays undelivered.
    const spent = await sent(MAX_UNREACHABLE_ATTEMPTS, MAX_UNREACHABLE_ATTEMPTS - 1);
    expect(await undelivered(spent)).toEqual({ updated: true });
    expect(await state(spent.id)).toEqual({ status: 'undelivered', attempts: MAX_UNREACHABLE_ATTEMPTS, unreachable_attempts: MAX_UNREACHABLE_ATTEMPTS });
  });

  it('retries an unreachable handset (30003 by callback) later, but a normal notice never inside quiet hours', async () => {
    // A district with quiet hours, and a family where it is 20:xx now: a retry two hours later would land at 22:xx.
    const now = new Date();
    let offset = (20 - now.getUTCHours() + 24) % 24;
    if (offset > 14) offset -= 24;
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const quiet = await createTenantFixture(spec.db, { quietHours: { start: '08:00', end: '21:00' }, timezone: zone });
    const later = new TwilioWebhooks(spec.db, new TenantDirectory(spec.db), new TenantRepository(new SecretBox(TEST_SECRETS_KEY)), spec.jobs, {
      publicBaseUrl: BASE,
      unreachableRetryMs: 2 * 3600_000,
    });
    const row = (urgency: string) =>
      spec.db.txFor(quiet.tenantId, async (m) => {
        const [notice] = await m.query(
          `insert into notices (tenant_id, body, source_language, audience, urgency, status) values ($1, 'x', 'en', '{"all": true}', $2, 'sending') returning id`,
          [quiet.tenantId, urgency],
        );
        const [message] = await m.query(
          `insert into messages (tenant_id, notice_id, direction, kind, phone, body, status, provider_sid, attempts)
           values ($1, $2, 'outbound', 'notice', '+88299997001', 'x', 'sent', $3, 1) returning id, provider_sid`,
          [quiet.tenantId, notice.id, `SM${randomHex(16)}`],
        );
        return message as { id: string; provider_sid: string };
      });
    const undelivered = (message: { id: string; provider_sid: string }) =>
      later.applyStatus(
        signed(
          `/webhooks/twilio/status?m=${message.id}`,
          { AccountSid: quiet.accountSid, From: '+16175550100', MessageSid: message.provider_sid, MessageStatus: 'undelivered', ErrorCode: '30003' },
          quiet.authToken,
        ),
        message.id,
      );
    const sendAfter = async (id: string) =>
      (await spec.db.txFor(quiet.tenantId, (m) => m.query(`select status, send_after from messages where id = $1`, [id])))[0] as {
        status: string;
        send_after: Date;
      };

    const normal = await row('normal');
    const before = Date.now();
    expect(await undelivered(normal)).toEqual({ updated: true, retried: true });
    const local = new Date(before + offset * 3600_000);
    const eight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1, 8) - offset * 3600_000;
    expect(await sendAfter(normal.id)).toEqual({ status: 'queued', send_after: new Date(eight) });

    const urgent = await row('urgent');
    expect(await undelivered(urgent)).toEqual({ updated: true, retried: true });
    const planned = (await sendAfter(urgent.id)).send_after.getTime();
    expect(Math.abs(planned - (Date.now() + 2 * 3600_000))).toBeLessThan(60_000);
  });
});
