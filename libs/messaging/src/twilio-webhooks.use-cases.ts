import { DomainError, JobName, jobId, MessageStatus } from '@porchlight/contracts';
import { rows, TenantDb } from '@porchlight/database';
import { TenantDirectory, TenantRepository } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { validateTwilioSignature } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { recordConsent } from './consent';

export interface SignedWebhook {
  /** The path and query Twilio posted to, e.g. `/webhooks/twilio/status?m=...`. */
  path: string;
  signature: string | undefined;
  params: Record<string, string>;
}

/** Twilio's message statuses, mapped onto ours; `queued`/`accepted` never move a message back. */
const STATUS_MAP: Record<string, MessageStatus> = {
  accepted: 'sending',
  scheduled: 'sending',
  queued: 'sending',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * Twilio's webhooks: the tenant is found by AccountSid (and To), the signature is checked with
 * that tenant's token against PUBLIC_BASE_URL + path, and nothing is stored unless it matches.
 */
export class TwilioWebhooks {
  constructor(
    private readonly db: TenantDb,
    private readonly directory: TenantDirectory,
    private readonly tenants: TenantRepository,
    private readonly jobs: JobProducer,
    private readonly publicBaseUrl: string,
  ) {}

  /** The tenant whose token signed this webhook; a forbidden error otherwise. */
  async authenticate(webhook: SignedWebhook, to: string | undefined): Promise<string> {
    const accountSid = webhook.params.AccountSid;
    if (!webhook.signature || !accountSid) throw new DomainError('forbidden', 'missing Twilio signature');
    const url = `${this.publicBaseUrl}${webhook.path}`;
    for (const tenantId of await this.directory.byAccount(accountSid, to)) {
      const { authToken } = await this.db.txFor(tenantId, (m) => this.tenants.smsCredentials(m, tenantId));
      if (validateTwilioSignature(authToken, webhook.signature, url, webhook.params)) return tenantId;
    }
    throw new DomainError('forbidden', 'invalid Twilio signature');
  }

  /** Stores an inbound SMS once per MessageSid and hands it to the inbound worker. */
  async receiveSms(webhook: SignedWebhook): Promise<{ tenantId: string; messageId?: string; duplicate: boolean }> {
    const tenantId = await this.authenticate(webhook, webhook.params.To);
    const { MessageSid: sid, From: from, Body: body = '' } = webhook.params;
    if (!sid || !from) throw new DomainError('invalid', 'validation failed', [{ field: 'MessageSid', message: 'MessageSid and From are required' }]);
    return TenantContext.run({ tenantId }, async () => {
      const [row] = await this.db.tx((m) =>
        m.query(
          `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid)
           values ($1, 'inbound', 'inbound', $2, $3, 'received', $4)
           on conflict (tenant_id, provider_sid) where provider_sid is not null do nothing
           returning id`,
          [tenantId, from, body, sid],
        ),
      );
      if (!row) return { tenantId, duplicate: true };
      await this.jobs.enqueue(
        { name: JobName.ProcessInbound, data: { tenantId, correlationId: TenantContext.correlationId() ?? row.id, messageId: row.id } },
        { jobId: jobId.processInbound(row.id) },
      );
      return { tenantId, messageId: row.id, duplicate: false };
    });
  }

  /** Applies a status callback; status only moves forward, whatever order callbacks arrive in. */
  async applyStatus(webhook: SignedWebhook, messageId: string | undefined): Promise<{ updated: boolean }> {
    const tenantId = await this.authenticate(webhook, webhook.params.From);
    const sid = webhook.params.MessageSid ?? webhook.params.SmsSid;
    const status = STATUS_MAP[(webhook.params.MessageStatus ?? webhook.params.SmsStatus ?? '').toLowerCase()];
    if (!sid || !status) return { updated: false };
    const errorCode = webhook.params.ErrorCode ? Number(webhook.params.ErrorCode) : null;
    return TenantContext.run({ tenantId }, () =>
      this.db.tx(async (m) => {
        const [updated] = await rows<{ id: string; phone: string }>(
          m,
          `update messages set status = $3, provider_sid = coalesce(provider_sid, $2),
             error_code = coalesce($4, error_code), error_message = case when $4::int is not null then $5 else error_message end,
             updated_at = now()
           where ${messageId ? 'id = $1::uuid and (provider_sid is null or provider_sid = $2)' : 'provider_sid = $2 and $1::uuid is null'}
             and direction = 'outbound' and message_status_rank(status) < message_status_rank($3)
           returning id, phone`,
          [messageId ?? null, sid, status, errorCode, errorCode ? `provider error ${errorCode}` : null],
        );
        if (updated && errorCode === 21610) {
          await recordConsent(m, tenantId, { phone: updated.phone, action: 'opt_out', source: 'provider', messageId: updated.id });
        }
        return { updated: Boolean(updated) };
      }),
    );
  }
}
