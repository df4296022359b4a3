import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobName, Urgency, VALIDITY_SECONDS } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { TenantSms } from '@porchlight/identity';
import { DEFAULT_JOB_OPTIONS, JobProducer, RetryLaterError } from '@porchlight/queue';
import { measureSms, ProviderError, ProviderMessage } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { UnrecoverableError } from 'bullmq';
import { recordConsent } from './consent';
import { TWILIO_CALLBACK_OPTIONS, TwilioCallbackOptions } from './messaging.tokens';
import { failClaim, markPhoneInvalid, noteClaimError, releaseClaim, sendingWindowWait, setUnreachableAttempts } from './data/message-sending';
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

/** A row as `claim_message` / `claim_messages` return it. */
export interface Claimed {
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

/**
 * What a provider's refusal made of a claimed message (`settleProviderError`): `retry` after
 * `delayMs`, which `spendsTry` (a transient failure counts against the job's attempts; a throttled
 * or unreachable send does not), or `failed` for good, or `resolving` (looked up before any resend).
 */
export type ProviderErrorVerdict = { outcome: 'resolving' } | { outcome: 'failed' } | { outcome: 'retry'; delayMs: number; spendsTry: boolean };

/** How long after an ambiguous failure the provider is asked whether it has the message. */
export const AMBIGUOUS_RESOLVE_DELAY_MS = 10_000;

/**
 * Sends one message row. The row is claimed with a guarded transition (`pending`/`queued` →
 * `sending`) before the provider is called and its SID stored after, so a retried or duplicated
 * job never sends twice. A phone that opted out since fan-out is suppressed at the claim; a row
 * whose sending window has not opened waits.
 */
@Injectable()
export class SendMessageUseCase {
  private readonly logger = new Logger(SendMessageUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly credentials: TenantSmsCache,
    private readonly providers: SmsProviders,
    private readonly rateLimiter: SenderRateLimiter,
    private readonly jobs: JobProducer,
    @Inject(TWILIO_CALLBACK_OPTIONS) private readonly callbacks: TwilioCallbackOptions,
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

    if (sms.messagesPerSecond) {
      const wait = await this.rateLimiter.acquire(senderKey(tenantId, sms), measureSms(claimed.body).segments, sms.messagesPerSecond);
      if (wait > 0) {
        await this.db.tx((m) => releaseClaim(m, messageId, undefined, true));
        throw new RetryLaterError(wait, 'sender at its messages-per-second limit');
      }
    }
    try {
      const result = await this.sendClaimed(sms, claimed);
      await this.db.call('record_provider_sid', tenantId, [messageId, result.sid]);
      this.logger.debug({ msg: 'message accepted by the provider', messageId, providerSid: result.sid });
      return 'sent';
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const verdict = await this.settleProviderError(claimed, error, attempt);
      if (verdict.outcome === 'resolving') return 'resolving';
      if (verdict.outcome === 'failed') throw new UnrecoverableError(error.message);
      // A transient failure spends one of the job's tries: BullMQ's backoff spaces them.
      throw verdict.spendsTry ? error : new RetryLaterError(verdict.delayMs, error.message);
    }
  }

  /** The provider call for a claimed row (its status callback names the row). */
  sendClaimed(sms: TenantSms, claimed: Claimed): Promise<ProviderMessage> {
    return this.providers.for(sms).send({
      to: claimed.phone,
      body: claimed.body,
      messagingServiceSid: sms.messagingServiceSid ?? undefined,
      from: sms.messagingServiceSid ? undefined : (sms.fromNumber ?? undefined),
      statusCallback: `${this.callbacks.publicBaseUrl}/webhooks/twilio/status?m=${claimed.id}`,
      validityPeriodSeconds: VALIDITY_SECONDS[claimed.urgency],
    });
  }

  /**
   * `pending|queued → sending` (or `suppressed` when the phone opted out since fan-out), once the
   * row's window is open: `claim_message` (migration message-send-functions) in one round trip.
   */
  private async claim(messageId: string, tenantId: string): Promise<Claimed | undefined> {
    const [row] = await this.db.call<Claimed>('claim_message', tenantId, [messageId]);
    return row;
  }

  /** A row that could not be claimed only because its window has not opened: try again then. */
  private async waitForWindow(messageId: string): Promise<void> {
    const waitMs = await this.db.tx((m) => sendingWindowWait(m, messageId));
    if (waitMs !== undefined) throw new RetryLaterError(waitMs, 'outside the recipient’s sending window');
  }

  /**
   * What the provider's refusal of a claimed row makes of it, written to the row: looked up before
   * any resend (a lost answer), tried again after `delayMs` (released), or failed for good. The
   * caller turns the verdict into its job's outcome: a single send throws, a batch enqueues the
   * message's own `message.send` job.
   */
  async settleProviderError(claimed: Claimed, error: ProviderError, attempt: SendAttempt): Promise<ProviderErrorVerdict> {
    const tenantId = TenantContext.tenantId();
    const messageId = claimed.id;
    const lastAttempt = attempt.attemptsMade + 1 >= attempt.maxAttempts;
    if (error.kind === 'transient' && error.mayHaveArrived) {
      // The provider may have accepted it: the row stays claimed, and is looked up before any resend.
      await this.db.tx((m) => noteClaimError(m, messageId, error));
      await this.jobs.add({ name: JobName.ResolveMessage, tenantId, messageId, claimedAt: claimed.claimed, delayMs: AMBIGUOUS_RESOLVE_DELAY_MS });
      this.logger.warn({ msg: 'provider answer lost; looking the message up before any resend', messageId, reason: error.message });
      return { outcome: 'resolving' };
    }
    switch (error.kind) {
      case 'rate_limited':
        // The provider refused to take it at all: the claim does not count against the message's
        // tries, so a throttled message keeps every retry an unreachable handset may need.
        await this.db.tx((m) => releaseClaim(m, messageId, error, true));
        return { outcome: 'retry', delayMs: 1000 + Math.floor(Math.random() * 1000), spendsTry: false };
      case 'transient':
        await this.db.tx((m) => (lastAttempt ? failClaim(m, messageId, error) : releaseClaim(m, messageId, error)));
        return lastAttempt ? { outcome: 'failed' } : { outcome: 'retry', delayMs: backoffMs(attempt.attemptsMade), spendsTry: true };
      case 'retry_later': {
        const unreachable = claimed.unreachable + 1;
        const retry = unreachable < MAX_UNREACHABLE_ATTEMPTS && !lastAttempt;
        await this.db.tx(async (m) => {
          await setUnreachableAttempts(m, messageId, unreachable);
          await (retry ? releaseClaim(m, messageId, error) : failClaim(m, messageId, error));
        });
        return retry ? { outcome: 'retry', delayMs: this.callbacks.unreachableRetryMs * unreachable, spendsTry: false } : { outcome: 'failed' };
      }
      case 'opted_out':
        await this.db.tx(async (m) => {
          await failClaim(m, messageId, error);
          await recordConsent(m, tenantId, { phone: claimed.phone, action: 'opt_out', source: 'provider', messageId });
        });
        return { outcome: 'failed' };
      case 'invalid_number':
        await this.db.tx(async (m) => {
          await failClaim(m, messageId, error);
          await markPhoneInvalid(m, tenantId, claimed.phone, error.message);
        });
        return { outcome: 'failed' };
      case 'permanent':
        await this.db.tx((m) => failClaim(m, messageId, error));
        this.logger.warn({ msg: 'message failed', messageId, code: error.code, reason: error.message });
        return { outcome: 'failed' };
    }
  }
}

/** The rate limiter's key of a district's sender: its messaging service, else its number. */
export function senderKey(tenantId: string, sms: TenantSms): string {
  return `${tenantId}:${sms.messagingServiceSid ?? sms.fromNumber ?? 'default'}`;
}

/** The wait before a job's next try after `attemptsMade` failed ones, as BullMQ's exponential backoff of DEFAULT_JOB_OPTIONS spaces them. */
export function backoffMs(attemptsMade: number): number {
  const backoff = DEFAULT_JOB_OPTIONS.backoff;
  const base = typeof backoff === 'object' ? (backoff.delay ?? 1000) : (backoff ?? 1000);
  return base * 2 ** attemptsMade;
}
