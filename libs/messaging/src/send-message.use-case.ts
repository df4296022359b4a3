import { Logger } from '@nestjs/common';
import { JobName, Urgency, VALIDITY_SECONDS } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { JobProducer, RetryLaterError } from '@porchlight/queue';
import { measureSms, ProviderError } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { UnrecoverableError } from 'bullmq';
import { EntityManager } from 'typeorm';
import { recordConsent } from './consent';
import { SenderRateLimiter } from './sender-rate-limiter';
import { SmsProviders } from './sms-providers';
import { TenantSmsCache } from './tenant-sms-cache';

/**
 * Tries for a handset the carrier could not reach (30003) before the message is given up, counted
 * in `unreachable_attempts`: a budget of its own, which neither a 429 (never a try at all) nor a
 * transient failure (the job's BullMQ attempts) spends.
 */
export const MAX_UNREACHABLE_ATTEMPTS = 3;

export interface SendAttempt {
  attemptsMade: number;
  maxAttempts: number;
}

interface Claimed {
  id: string;
  phone: string;
  body: string;
  status: string;
  attempts: number;
  /** 30003 answers so far, this claim's not yet counted. */
  unreachable: number;
  urgency: Urgency;
  /** Seconds since the epoch of the claim, as the reconciler spells it in `message.resolve` job ids. */
  claimed: string;
}

/** How long after an ambiguous failure the provider is asked whether it has the message. */
export const AMBIGUOUS_RESOLVE_DELAY_MS = 10_000;

/**
 * Sends one message row. The row is claimed with a guarded transition (`pending`/`queued` →
 * `sending`) before the provider is called and its SID stored after, so a retried or duplicated
 * job never sends twice. A phone that opted out since fan-out is suppressed at the claim; a row
 * whose sending window has not opened waits.
 */
export class SendMessageUseCase {
  private readonly logger = new Logger(SendMessageUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly credentials: TenantSmsCache,
    private readonly providers: SmsProviders,
    private readonly publicBaseUrl: string,
    private readonly rateLimiter?: SenderRateLimiter,
    private readonly unreachableRetryMs = 300_000,
    private readonly jobs?: JobProducer,
  ) {}

  async execute(messageId: string, attempt: SendAttempt): Promise<'sent' | 'skipped' | 'suppressed' | 'resolving'> {
    const tenantId = TenantContext.tenantId();
    // Before the claim: a district whose secret cannot be read leaves its messages queued, waiting.
    const sms = await this.credentials.forSending(tenantId);
    const claimed = await this.claim(messageId, tenantId);
    if (!claimed) {
      await this.waitForWindow(messageId);
      return 'skipped';
    }
    if (claimed.status === 'suppressed') return 'suppressed';

    if (sms.messagesPerSecond && this.rateLimiter) {
      const sender = `${tenantId}:${sms.messagingServiceSid ?? sms.fromNumber ?? 'default'}`;
      const wait = await this.rateLimiter.acquire(sender, measureSms(claimed.body).segments, sms.messagesPerSecond);
      if (wait > 0) {
        await this.db.tx((m) => this.release(m, messageId, undefined, true));
        throw new RetryLaterError(wait, 'sender at its messages-per-second limit');
      }
    }
    try {
      const result = await this.providers.for(sms).send({
        to: claimed.phone,
        body: claimed.body,
        messagingServiceSid: sms.messagingServiceSid ?? undefined,
        from: sms.messagingServiceSid ? undefined : sms.fromNumber ?? undefined,
        statusCallback: `${this.publicBaseUrl}/webhooks/twilio/status?m=${messageId}`,
        validityPeriodSeconds: VALIDITY_SECONDS[claimed.urgency],
      });
      await this.db.once(tenantId, `update messages set provider_sid = $2, updated_at = now() where id = $1 and provider_sid is null`, [messageId, result.sid]);
      this.logger.debug({ msg: 'message accepted by the provider', messageId, providerSid: result.sid });
      return 'sent';
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return this.onProviderError(messageId, claimed, error, attempt);
    }
  }

  private async claim(messageId: string, tenantId: string): Promise<Claimed | undefined> {
    const [row] = await this.db.once<Claimed>(
      tenantId,
      `with target as (
         select msg.id, msg.kind, coalesce(n.urgency, 'urgent') as urgency,
           (msg.kind in ('notice', 'reply', 'survey') and exists (
              select 1 from phones p where p.tenant_id = $2 and p.phone = msg.phone and p.opted_out_at is not null)) as opted_out
         from messages msg left join notices n on n.id = msg.notice_id
         where msg.id = $1 and msg.direction = 'outbound' and msg.status in ('pending', 'queued') and msg.provider_sid is null
           and (msg.send_after is null or msg.send_after <= now())
         for update of msg
       )
       update messages msg set
         status = case when target.opted_out then 'suppressed' else 'sending' end,
         error_message = case when target.opted_out then 'opted out' else msg.error_message end,
         attempts = msg.attempts + 1, claimed_at = now(), updated_at = now()
       from target where msg.id = target.id
       returning msg.id, msg.phone, msg.body, msg.status, msg.attempts, msg.unreachable_attempts as unreachable, target.urgency, extract(epoch from msg.claimed_at)::bigint::text as claimed`,
      [messageId, tenantId],
    );
    return row;
  }

  /** A row that could not be claimed only because its window has not opened: try again then. */
  private async waitForWindow(messageId: string): Promise<void> {
    const [row] = await this.db.tx((m) =>
      m.query(
        `select greatest(0, ceil(extract(epoch from (send_after - now())) * 1000))::int as wait_ms from messages
         where id = $1 and status in ('pending', 'queued') and send_after > now()`,
        [messageId],
      ),
    );
    if (row) throw new RetryLaterError(row.wait_ms, 'outside the recipient’s sending window');
  }

  /** Back to `queued` for a later try; `refund` when the provider was never asked (the claim does not count). */
  private release(m: EntityManager, messageId: string, error?: ProviderError, refund = false) {
    return m.query(
      `update messages set status = 'queued', error_code = coalesce($2, error_code), error_message = coalesce($3, error_message),
         attempts = attempts - $4, updated_at = now()
       where id = $1 and status = 'sending' and provider_sid is null`,
      [messageId, error?.code ?? null, error?.message ?? null, refund ? 1 : 0],
    );
  }

  private fail(m: EntityManager, messageId: string, error: ProviderError) {
    return m.query(
      `update messages set status = 'failed', error_code = $2, error_message = $3, updated_at = now()
       where id = $1 and status = 'sending' and provider_sid is null`,
      [messageId, error.code ?? null, error.message],
    );
  }

  private async onProviderError(messageId: string, claimed: Claimed, error: ProviderError, attempt: SendAttempt): Promise<'resolving'> {
    const tenantId = TenantContext.tenantId();
    const lastAttempt = attempt.attemptsMade + 1 >= attempt.maxAttempts;
    if (error.kind === 'transient' && error.mayHaveArrived && this.jobs) {
      // The provider may have accepted it: the row stays claimed, and is looked up before any resend.
      await this.db.tx((m) =>
        m.query(`update messages set error_code = $2, error_message = $3, updated_at = now() where id = $1 and status = 'sending' and provider_sid is null`, [
          messageId,
          error.code ?? null,
          error.message,
        ]),
      );
      await this.jobs.add({ name: JobName.ResolveMessage, tenantId, messageId, claimedAt: claimed.claimed, delayMs: AMBIGUOUS_RESOLVE_DELAY_MS });
      this.logger.warn({ msg: 'provider answer lost; looking the message up before any resend', messageId, reason: error.message });
      return 'resolving';
    }
    switch (error.kind) {
      case 'rate_limited':
        // The provider refused to take it at all: the claim does not count against the message's
        // tries, so a throttled message keeps every retry an unreachable handset may need.
        await this.db.tx((m) => this.release(m, messageId, error, true));
        throw new RetryLaterError(1000 + Math.floor(Math.random() * 1000), error.message);
      case 'transient':
        await this.db.tx((m) => (lastAttempt ? this.fail(m, messageId, error) : this.release(m, messageId, error)));
        throw lastAttempt ? new UnrecoverableError(error.message) : error;
      case 'retry_later': {
        const unreachable = claimed.unreachable + 1;
        const retry = unreachable < MAX_UNREACHABLE_ATTEMPTS && !lastAttempt;
        await this.db.tx(async (m) => {
          await m.query(`update messages set unreachable_attempts = $2 where id = $1`, [messageId, unreachable]);
          await (retry ? this.release(m, messageId, error) : this.fail(m, messageId, error));
        });
        if (retry) throw new RetryLaterError(this.unreachableRetryMs * unreachable, error.message);
        throw new UnrecoverableError(error.message);
      }
      case 'opted_out':
        await this.db.tx(async (m) => {
          await this.fail(m, messageId, error);
          await recordConsent(m, tenantId, { phone: claimed.phone, action: 'opt_out', source: 'provider', messageId });
        });
        throw new UnrecoverableError(error.message);
      case 'invalid_number':
        await this.db.tx(async (m) => {
          await this.fail(m, messageId, error);
          await m.query(
            `insert into phones (tenant_id, phone, invalid_reason) values ($1, $2, $3)
             on conflict (tenant_id, phone) do update set invalid_reason = excluded.invalid_reason, updated_at = now()`,
            [tenantId, claimed.phone, error.message],
          );
        });
        throw new UnrecoverableError(error.message);
      case 'permanent':
        await this.db.tx((m) => this.fail(m, messageId, error));
        this.logger.warn({ msg: 'message failed', messageId, code: error.code, reason: error.message });
        throw new UnrecoverableError(error.message);
    }
  }
}
