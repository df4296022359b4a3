import { Logger } from '@nestjs/common';
import { rows, TenantDb } from '@porchlight/database';
import { RetryLaterError } from '@porchlight/queue';
import { ProviderError } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { UnrecoverableError } from 'bullmq';
import { EntityManager } from 'typeorm';
import { recordConsent } from './consent';
import { SmsProviders } from './sms-providers';
import { TenantSmsCache } from './tenant-sms-cache';

/** Retries for a handset the carrier could not reach (30003) before the message is given up. */
const MAX_UNREACHABLE_ATTEMPTS = 3;

export interface SendAttempt {
  attemptsMade: number;
  maxAttempts: number;
}

/**
 * Sends one message row. The row is claimed with a guarded transition (`pending`/`queued` →
 * `sending`) before the provider is called and its SID stored after, so a retried or duplicated
 * job never sends twice. A phone that opted out since fan-out is suppressed at the claim.
 */
export class SendMessageUseCase {
  private readonly logger = new Logger(SendMessageUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly credentials: TenantSmsCache,
    private readonly providers: SmsProviders,
    private readonly publicBaseUrl: string,
  ) {}

  async execute(messageId: string, attempt: SendAttempt): Promise<'sent' | 'skipped' | 'suppressed'> {
    const tenantId = TenantContext.tenantId();
    const claimed = await this.db.tx(async (m) => {
      const [row] = await rows(
        m,
        `update messages msg set
           status = case when msg.kind in ('notice', 'reply') and p.opted_out_at is not null then 'suppressed' else 'sending' end,
           error_message = case when msg.kind in ('notice', 'reply') and p.opted_out_at is not null then 'opted out' else msg.error_message end,
           attempts = msg.attempts + 1, updated_at = now()
         from (select $1::uuid as id) target
         left join phones p on p.tenant_id = $2 and p.phone = (select phone from messages where id = $1)
         where msg.id = target.id and msg.status in ('pending', 'queued') and msg.provider_sid is null and msg.direction = 'outbound'
         returning msg.id, msg.phone, msg.body, msg.status, msg.attempts, msg.notice_id`,
        [messageId, tenantId],
      );
      return row as { id: string; phone: string; body: string; status: string; attempts: number } | undefined;
    });
    if (!claimed) return 'skipped';
    if (claimed.status === 'suppressed') return 'suppressed';

    const sms = await this.credentials.get(tenantId);
    const provider = this.providers.for(sms);
    try {
      const result = await provider.send({
        to: claimed.phone,
        body: claimed.body,
        messagingServiceSid: sms.messagingServiceSid ?? undefined,
        from: sms.messagingServiceSid ? undefined : sms.fromNumber ?? undefined,
        statusCallback: `${this.publicBaseUrl}/webhooks/twilio/status?m=${messageId}`,
      });
      await this.db.tx((m) =>
        m.query(`update messages set provider_sid = $2, updated_at = now() where id = $1 and provider_sid is null`, [messageId, result.sid]),
      );
      this.logger.debug({ msg: 'message accepted by the provider', messageId, providerSid: result.sid });
      return 'sent';
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return this.onProviderError(messageId, claimed, error, attempt);
    }
  }

  private async onProviderError(
    messageId: string,
    claimed: { phone: string; attempts: number },
    error: ProviderError,
    attempt: SendAttempt,
  ): Promise<never> {
    const tenantId = TenantContext.tenantId();
    const lastAttempt = attempt.attemptsMade + 1 >= attempt.maxAttempts;
    const release = (m: EntityManager) =>
      m.query(`update messages set status = 'queued', error_code = $2, error_message = $3, updated_at = now()
               where id = $1 and status = 'sending' and provider_sid is null`, [messageId, error.code ?? null, error.message]);
    const fail = (m: EntityManager) =>
      m.query(`update messages set status = 'failed', error_code = $2, error_message = $3, updated_at = now()
               where id = $1 and status = 'sending' and provider_sid is null`, [messageId, error.code ?? null, error.message]);

    switch (error.kind) {
      case 'rate_limited':
        await this.db.tx(release);
        throw new RetryLaterError(1000 + Math.floor(Math.random() * 1000), error.message);
      case 'transient':
        await this.db.tx(lastAttempt ? fail : release);
        throw lastAttempt ? new UnrecoverableError(error.message) : error;
      case 'retry_later':
        if (claimed.attempts < MAX_UNREACHABLE_ATTEMPTS && !lastAttempt) {
          await this.db.tx(release);
          throw new RetryLaterError(30_000 * claimed.attempts, error.message);
        }
        await this.db.tx(fail);
        throw new UnrecoverableError(error.message);
      case 'opted_out':
        await this.db.tx(async (m) => {
          await fail(m);
          await recordConsent(m, tenantId, { phone: claimed.phone, action: 'opt_out', source: 'provider', messageId });
        });
        throw new UnrecoverableError(error.message);
      case 'invalid_number':
        await this.db.tx(async (m) => {
          await fail(m);
          await m.query(
            `insert into phones (tenant_id, phone, invalid_reason) values ($1, $2, $3)
             on conflict (tenant_id, phone) do update set invalid_reason = excluded.invalid_reason, updated_at = now()`,
            [tenantId, claimed.phone, error.message],
          );
        });
        throw new UnrecoverableError(error.message);
      case 'permanent':
        await this.db.tx(fail);
        this.logger.warn({ msg: 'message failed', messageId, code: error.code, reason: error.message });
        throw new UnrecoverableError(error.message);
    }
  }
}
