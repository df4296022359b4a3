import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { query, TenantDb } from '@porchlight/database';
import { JobProducer, RetryLaterError } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { SURVEY_DELIVERIES } from './messaging.tokens';
import { SmsProviders } from './sms-providers';
import { deliveredSurveyMessages, SurveyDeliveries } from './survey-deliveries';
import { TenantSmsCache } from './tenant-sms-cache';
import { STATUS_MAP } from './twilio-webhooks.use-cases';

/** How long a lookup waits for a send job that still holds its lock before it looks again. */
export const HELD_CLAIM_RECHECK_MS = 5_000;

/**
 * How long after the claim a miss at the provider still proves nothing: a request whose answer
 * timed out (15 s) may sit in an overloaded provider's queue and be accepted later. Until then a
 * lookup that finds nothing looks again instead of sending a second copy.
 */
export const PROVIDER_SETTLE_MS = 120_000;

/** How far before the claim the provider's clock may be when we look for the message. */
const CLOCK_SKEW_MS = 60_000;

/** A row still `sending` without a SID, as the resolver reads it. */
interface ClaimedRow {
  id: string;
  phone: string;
  body: string;
  claimed_at: Date;
  claimed: string;
  /** The claim as seconds since the epoch, as `message.resolve` job ids spell it. */
  claimed_epoch: string;
  /** Milliseconds since the claim, by the database's clock (the one that wrote `claimed_at`). */
  age_ms: number;
  attempts: number;
  provider_sid_history: string[];
  /** The batch job fan-out enqueued the row in, if any: it may be the claimer too. */
  batch_job_id: string | null;
}

/**
 * The one window that remains: the provider accepted a message and the worker died before the SID
 * was stored. Such a row stays `sending` without a SID; before anything is sent again, the message
 * is looked up at the provider (same phone, same text, since the claim). Found: its SID is stored
 * and callbacks take it from there. Not found: it was never sent, and goes back to the queue.
 *
 * A lookup decides only about the claim it was enqueued for, and only once nobody holds that claim
 * any more: a newer claim (the row was sent again since) is another send's business, and a send job
 * whose worker still holds its lock may yet reach the provider — a slow answer is not a lost one.
 * Nor is a request that timed out: a miss counts only once the provider has had `PROVIDER_SETTLE_MS`
 * since the claim to show the message.
 */
@Injectable()
export class ResolveMessageUseCase {
  private readonly logger = new Logger(ResolveMessageUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly credentials: TenantSmsCache,
    private readonly providers: SmsProviders,
    private readonly jobs: JobProducer,
    /** Told when a look-up finds a survey message already delivered; without it (no surveys), nobody is. */
    @Optional() @Inject(SURVEY_DELIVERIES) private readonly surveys: SurveyDeliveries | null = null,
  ) {}

  /** `claimedAt`: the claim this lookup was enqueued for, in seconds since the epoch. */
  async execute(messageId: string, claimedAt: string): Promise<'found' | 'requeued' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const claimed = await this.db.tx((m) =>
      query<ClaimedRow>(
        m,
        `select id, phone, body, claimed_at, claimed_at::text as claimed, extract(epoch from claimed_at)::bigint::text as claimed_epoch,
           (extract(epoch from now() - claimed_at) * 1000)::float8 as age_ms, attempts, provider_sid_history, batch_job_id from messages
         where id = $1 and status = 'sending' and provider_sid is null`,
        [messageId],
      ),
    );
    const row = claimed.at(0);
    if (!row || row.claimed_epoch !== claimedAt) return 'skipped';
    // Every send job this row has had (one per generation, see jobId.sendMessage, and its batch's); any still held may be the claimer.
    const sendJobs = Array.from({ length: row.attempts + 1 }, (_, generation) => jobId.sendMessage(messageId, generation));
    if (row.batch_job_id) sendJobs.push(row.batch_job_id);
    if (await this.jobs.anyHeld(QueueName.Delivery, sendJobs)) {
      throw new RetryLaterError(HELD_CLAIM_RECHECK_MS, 'the claim’s send job is still running');
    }
    const sms = await this.credentials.forSending(tenantId);
    const since = new Date(new Date(row.claimed_at).getTime() - CLOCK_SKEW_MS);
    const sent = (await this.providers.for(sms).findSent(row.phone, since)).filter((m) => m.body === row.body && !row.provider_sid_history.includes(m.sid));
    // A send another row already owns (the same text to the same phone, from another notice) is not this one's.
    const owned = new Set(
      sent.length === 0
        ? []
        : (
            await this.db.tx((m) =>
              query<{ sid: string }>(
                m,
                `select provider_sid as sid from messages where provider_sid = any($1::text[])
                 union select h as sid from messages, unnest(provider_sid_history) h where provider_sid_history && $1::text[] and h = any($1::text[])`,
                [sent.map((m) => m.sid)],
              ),
            )
          ).map((r) => r.sid),
    );
    const match = sent.find((m) => !owned.has(m.sid));
    if (match) {
      await this.db.tx(async (m) => {
        const updated = await query<{ survey_id: string | null; phone: string; status: string }>(
          m,
          `update messages set provider_sid = $2,
             status = case when message_status_rank(status) < message_status_rank($3) then $3 else status end, updated_at = now()
           where id = $1 and status = 'sending' and provider_sid is null
           returning survey_id, phone, status`,
          [messageId, match.sid, STATUS_MAP[match.status] ?? 'sending'],
        );
        const delivered = deliveredSurveyMessages(updated);
        if (this.surveys && delivered.length > 0) await this.surveys.delivered(m, delivered);
      });
      this.logger.warn({ msg: 'found an unrecorded send at the provider', messageId, providerSid: match.sid });
      return 'found';
    }
    if (row.age_ms < PROVIDER_SETTLE_MS) {
      throw new RetryLaterError(Math.max(HELD_CLAIM_RECHECK_MS, PROVIDER_SETTLE_MS - row.age_ms), 'the provider may yet accept the claim’s request');
    }
    const released = await this.db.tx((m) =>
      query<{ id: string }>(
        m,
        `update messages set status = 'queued', updated_at = now()
         where id = $1 and status = 'sending' and provider_sid is null and claimed_at::text = $2 returning id`,
        // Compared as text: a JavaScript Date would drop the microseconds and never match.
        [messageId, row.claimed],
      ),
    );
    if (released.length === 0) return 'skipped';
    await this.jobs.add({ name: JobName.SendMessage, tenantId, messageId, generation: row.attempts });
    this.logger.warn({ msg: 'claimed message never reached the provider; sending again', messageId });
    return 'requeued';
  }
}
