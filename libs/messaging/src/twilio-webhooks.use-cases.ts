import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, JobName, MessageStatus } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { SmsSecretUnreadableError, TenantDirectory, TenantRepository } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { validateTwilioSignature } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { InboundBatcher, StoredInbound } from './inbound-batcher';
import { SURVEY_DELIVERIES, TWILIO_CALLBACK_OPTIONS, TwilioCallbackOptions } from './messaging.tokens';
import { StatusBatcher } from './status-batcher';
import { storeReportedStatus } from './reported-status';
import { SurveyDeliveries } from './survey-deliveries';

export interface SignedWebhook {
  /** The path and query Twilio posted to, e.g. `/webhooks/twilio/status?m=...`. */
  path: string;
  signature: string | undefined;
  params: Record<string, string>;
}

const SIGNER_CACHE_MS = 30_000;

/** A field Twilio may or may not have posted. */
const field = (webhook: SignedWebhook, name: string): string | undefined => (Object.hasOwn(webhook.params, name) ? webhook.params[name] : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What a phone sent, made storable: Postgres text cannot hold NUL, and lone UTF-16 surrogates are
 * not text; each becomes U+FFFD, as an undecodable byte does. Applied after the signature check,
 * which covers the fields exactly as Twilio sent them.
 */
export const storableText = (text: string) => text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');

/** Twilio's message statuses, mapped onto ours; `queued`/`accepted` never move a message back. */
export const STATUS_MAP: Readonly<Record<string, MessageStatus>> = {
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
@Injectable()
export class TwilioWebhooks {
  constructor(
    private readonly db: TenantDb,
    private readonly directory: TenantDirectory,
    private readonly tenants: TenantRepository,
    private readonly jobs: JobProducer,
    @Inject(TWILIO_CALLBACK_OPTIONS) private readonly callbacks: TwilioCallbackOptions,
    /** Told which survey messages a callback delivered; without it (no surveys), nobody is. */
    @Optional() @Inject(SURVEY_DELIVERIES) private readonly surveys: SurveyDeliveries | null = null,
  ) {}

  /**
   * The tenant whose token signed this webhook; a forbidden error otherwise. A broadcast brings
   * two or three callbacks per message, so candidates and their tokens are cached briefly; a
   * signature the cached tokens refuse is checked once more against fresh ones (a rotated token).
   */
  async authenticate(webhook: SignedWebhook, to: string | undefined): Promise<string> {
    const accountSid = field(webhook, 'AccountSid');
    if (!webhook.signature || !accountSid) throw new DomainError('forbidden', 'missing Twilio signature');
    // No tenant's account SID holds what Postgres cannot even compare.
    if (storableText(accountSid) !== accountSid) throw new DomainError('forbidden', 'invalid Twilio signature');
    const url = `${this.callbacks.publicBaseUrl}${webhook.path}`;
    const key = `${accountSid} ${to ?? ''}`;
    let unreadable = false;
    for (const fresh of [false, true]) {
      for (const { tenantId, authToken } of await this.candidates(key, accountSid, to, fresh)) {
        if (authToken === null) unreadable = true;
        else if (validateTwilioSignature(authToken, webhook.signature, url, webhook.params)) return tenantId;
      }
    }
    // A district whose token cannot be read (SECRETS_KEY changed) cannot be told from a forger: not now, rather than never.
    if (unreadable) throw new DomainError('unavailable', 'the district’s Twilio auth token cannot be read at the moment');
    throw new DomainError('forbidden', 'invalid Twilio signature');
  }

  private readonly statuses = new StatusBatcher(this.db, this.surveys);
  private readonly replies = new InboundBatcher(this.db, this.jobs);
  /** `authToken: null`: the tenant's token cannot be read (see SmsSecretUnreadableError). */
  private readonly signers = new Map<string, { at: number; value: Promise<{ tenantId: string; authToken: string | null }[]> }>();

  private candidates(key: string, accountSid: string, to: string | undefined, fresh: boolean) {
    const hit = this.signers.get(key);
    if (!fresh && hit && Date.now() - hit.at < SIGNER_CACHE_MS) return hit.value;
    const value = (async () => {
      const found: { tenantId: string; authToken: string | null }[] = [];
      for (const tenantId of await this.directory.byAccount(accountSid, to)) {
        const authToken = await this.db
          .txFor(tenantId, (m) => this.tenants.smsCredentials(m, tenantId))
          .then(
            (credentials) => credentials.authToken,
            (error: unknown) => {
              if (error instanceof SmsSecretUnreadableError) return null;
              throw error;
            },
          );
        found.push({ tenantId, authToken });
      }
      return found;
    })();
    value.catch(() => this.signers.delete(key));
    if (this.signers.size > 10_000) this.signers.clear();
    this.signers.set(key, { at: Date.now(), value });
    return value;
  }

  /**
   * Stores an inbound SMS once per MessageSid and hands it to the inbound worker (written in
   * batches per tenant: `InboundBatcher`); resolves once the row is committed and its job queued.
   */
  async receiveSms(webhook: SignedWebhook): Promise<{ tenantId: string } & StoredInbound> {
    const tenantId = await this.authenticate(webhook, field(webhook, 'To'));
    const [sid, from] = [field(webhook, 'MessageSid'), field(webhook, 'From')].map((v) => v && storableText(v));
    if (!sid || !from) throw new DomainError('invalid', 'validation failed', [{ field: 'MessageSid', message: 'MessageSid and From are required' }]);
    return { tenantId, ...(await this.replies.receive(tenantId, { sid, from, body: storableText(field(webhook, 'Body') ?? '') })) };
  }

  /**
   * Applies a status callback; status only moves forward, whatever order callbacks arrive in, and
   * a callback for an earlier attempt's SID never touches the current one. An `undelivered` with
   * 30003 (handset unreachable) is retried a bounded number of times: the message goes back to
   * the queue as a new attempt, its old SID kept in its history.
   */
  async applyStatus(webhook: SignedWebhook, messageId: string | undefined): Promise<{ updated: boolean; retried?: boolean }> {
    const tenantId = await this.authenticate(webhook, field(webhook, 'From'));
    const rawSid = field(webhook, 'MessageSid') ?? field(webhook, 'SmsSid');
    const sid = rawSid && storableText(rawSid);
    const statusName = (field(webhook, 'MessageStatus') ?? field(webhook, 'SmsStatus') ?? '').toLowerCase();
    const status = Object.hasOwn(STATUS_MAP, statusName) ? STATUS_MAP[statusName] : undefined;
    if (!sid || !status) return { updated: false };
    // Twilio's error codes are numbers of five digits; anything else is no code we could act on.
    const errorCode = /^\d{1,9}$/.test(field(webhook, 'ErrorCode') ?? '') ? Number(field(webhook, 'ErrorCode')) : null;
    // The common case — no error, our message id in the URL — is written in batches.
    if (errorCode === null && messageId && UUID.test(messageId)) {
      return { updated: await this.statuses.apply(tenantId, messageId, sid, status) };
    }
    const outcome = await TenantContext.run({ tenantId }, () =>
      this.db.tx((m) =>
        storeReportedStatus(m, tenantId, { messageId: messageId ?? null, sid, status, errorCode }, this.surveys, this.callbacks.unreachableRetryMs),
      ),
    );
    if (outcome.retry) {
      const { retry } = outcome;
      await this.jobs.add({ name: JobName.SendMessage, tenantId, messageId: retry.messageId, generation: retry.attempts, delayMs: retry.delayMs });
      return { updated: true, retried: true };
    }
    return { updated: outcome.updated };
  }
}
