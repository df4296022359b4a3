import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobName, Urgency, VALIDITY_SECONDS } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { JobProducer, RetryLaterError } from '@porchlight/queue';
import { measureSms, ProviderError } from '@porchlight/sms';
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
      const sender = `${tenantId}:${sms.messagingServiceSid ?? sms.fromNumber ?? 'default'}`;
      const wait = await this.rateLimiter.acquire(sender, measureSms(claimed.body).segments, sms.messagesPerSecond);
      if (wait > 0) {
        await this.db.tx((m) => releaseClaim(m, messageId, undefined, true));
        throw new RetryLaterError(wait, 'sender at its messages-per-second limit');
      }
    }
    try {
      const result = await this.providers.for(sms).send({
        to: claimed.phone,
        body: claimed.body,
        messagingServiceSid: sms.messagingServiceSid ?? undefined,
        from: sms.messagingServiceSid ? undefined : (sms.fromNumber ?? undefined),
        statusCallback: `${this.callbacks.publicBaseUrl}/webhooks/twilio/status?m=${messageId}`,
        validityPeriodSeconds: VALIDITY_SECONDS[claimed.urgency],
      });
      await this.db.call('record_provider_sid', tenantId, [messageId, result.sid]);
      this.logger.debug({ msg: 'message accepted by the provider', messageId, providerSid: result.sid });
      return 'sent';
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return this.onProviderError(messageId, claimed, error, attempt);
    }
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

  private async onProviderError(messageId: string, claimed: Claimed, error: ProviderError, attempt: SendAttempt): Promise<'resolving'> {
    const tenantId = TenantContext.tenantId();
    const lastAttempt = attempt.attemptsMade + 1 >= attempt.maxAttempts;
    if (error.kind === 'transient' && error.mayHaveArrived) {
      // The provider may have accepted it: the row stays claimed, and is looked up before any resend.
      await this.db.tx((m) => noteClaimError(m, messageId, error));
      await this.jobs.add({ name: JobName.ResolveMessage, tenantId, messageId, claimedAt: claimed.claimed, delayMs: AMBIGUOUS_RESOLVE_DELAY_MS });
      this.logger.warn({ msg: 'provider answer lost; looking the message up before any resend', messageId, reason: error.message });
      return 'resolving';
    }
    switch (error.kind) {
      case 'rate_limited':
        // The provider refused to take it at all: the claim does not count against the message's
        // tries, so a throttled message keeps every retry an unreachable handset may need.
        await this.db.tx((m) => releaseClaim(m, messageId, error, true));
        throw new RetryLaterError(1000 + Math.floor(Math.random() * 1000), error.message);
      case 'transient':
        await this.db.tx((m) => (lastAttempt ? failClaim(m, messageId, error) : releaseClaim(m, messageId, error)));
        throw lastAttempt ? new UnrecoverableError(error.message) : error;
      case 'retry_later': {
        const unreachable = claimed.unreachable + 1;
        const retry = unreachable < MAX_UNREACHABLE_ATTEMPTS && !lastAttempt;
        await this.db.tx(async (m) => {
          await setUnreachableAttempts(m, messageId, unreachable);
          await (retry ? releaseClaim(m, messageId, error) : failClaim(m, messageId, error));
        });
        if (retry) throw new RetryLaterError(this.callbacks.unreachableRetryMs * unreachable, error.message);
        throw new UnrecoverableError(error.message);
      }
      case 'opted_out':
        await this.db.tx(async (m) => {
          await failClaim(m, messageId, error);
          await recordConsent(m, tenantId, { phone: claimed.phone, action: 'opt_out', source: 'provider', messageId });
        });
        throw new UnrecoverableError(error.message);
      case 'invalid_number':
        await this.db.tx(async (m) => {
          await failClaim(m, messageId, error);
          await markPhoneInvalid(m, tenantId, claimed.phone, error.message);
        });
        throw new UnrecoverableError(error.message);
      case 'permanent':
        await this.db.tx((m) => failClaim(m, messageId, error));
        this.logger.warn({ msg: 'message failed', messageId, code: error.code, reason: error.message });
        throw new UnrecoverableError(error.message);
    }
  }
}
