import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { JobName } from '@porchlight/contracts';
import { queryOne, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { ProviderError, ProviderMessage } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { SURVEY_DELIVERIES, TWILIO_CALLBACK_OPTIONS, TwilioCallbackOptions } from './messaging.tokens';
import { ReportedOutcome, storeReportedStatus } from './reported-status';
import { SmsProviders } from './sms-providers';
import { SurveyDeliveries } from './survey-deliveries';
import { TenantSmsCache } from './tenant-sms-cache';
import { STATUS_MAP } from './twilio-webhooks.use-cases';

/**
 * A message the provider took (it has a SID) whose final status never reached us: a status
 * callback can be lost (the API down or restarting when the provider called, its retries spent).
 * The reconciler finds such rows once they have waited `STATUS_STALE_SECONDS` and this asks the
 * provider for the message's status, stored and acted on as the callback would have been (forward
 * only, this SID only; 21610 opts the phone out, 30003 plans another try, enqueued once stored).
 * A status the provider has not moved on (a carrier that sends no receipt leaves it `sent`) is
 * stamped, so the row is asked about again only after a wait that grows with its age (the reconciler's rule).
 */
@Injectable()
export class RefreshStatusUseCase {
  private readonly logger = new Logger(RefreshStatusUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly credentials: TenantSmsCache,
    private readonly providers: SmsProviders,
    private readonly jobs: JobProducer,
    @Inject(TWILIO_CALLBACK_OPTIONS) private readonly callbacks: TwilioCallbackOptions,
    @Optional() @Inject(SURVEY_DELIVERIES) private readonly surveys: SurveyDeliveries | null = null,
  ) {}

  /** `stamp`: the row's `updated_at` (epoch seconds) the reconciler saw; a row changed since is left alone. */
  async execute(messageId: string, stamp: string): Promise<'updated' | 'unchanged' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const row = await this.db.tx((m) =>
      queryOne<{ sid: string }>(
        m,
        `select provider_sid as sid from messages
         where id = $1 and direction = 'outbound' and status in ('sending', 'sent') and provider_sid is not null
           and extract(epoch from updated_at)::bigint::text = $2`,
        [messageId, stamp],
      ),
    );
    if (!row) return 'skipped';
    const sms = await this.credentials.forSending(tenantId);
    let found: ProviderMessage | undefined;
    try {
      found = await this.providers.for(sms).fetch(row.sid);
    } catch (error) {
      // A provider busy or unreachable: the job tries again. Any other refusal (not found, not
      // ours): nothing to learn, and the row waits another while before it is asked about again.
      if (!(error instanceof ProviderError) || error.kind === 'transient' || error.kind === 'rate_limited') throw error;
    }
    const status = found && Object.hasOwn(STATUS_MAP, found.status) ? STATUS_MAP[found.status] : undefined;
    const errorCode = found?.errorCode ?? null;
    const outcome = await this.db.tx(async (m): Promise<ReportedOutcome> => {
      const stored = status
        ? await storeReportedStatus(m, tenantId, { messageId, sid: row.sid, status, errorCode }, this.surveys, this.callbacks.unreachableRetryMs)
        : { updated: false };
      // Still waiting at the provider: asked again after another wait, not at every sweep.
      if (!stored.updated) await m.query(`update messages set updated_at = now() where id = $1 and provider_sid = $2`, [messageId, row.sid]);
      return stored;
    });
    if (outcome.retry) {
      const { retry } = outcome;
      await this.jobs.add({ name: JobName.SendMessage, tenantId, messageId: retry.messageId, generation: retry.attempts, delayMs: retry.delayMs });
    }
    const changed = outcome.updated;
    if (changed) this.logger.warn({ msg: 'a status callback was lost; the provider gave the status', messageId, status });
    return changed ? 'updated' : 'unchanged';
  }
}
