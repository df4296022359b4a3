import { Inject, Injectable, Logger } from '@nestjs/common';
import { JOB_QUEUE, JobName, jobId, QueueName, Urgency } from '@porchlight/contracts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { everyTenantId, SMS_SECRET_REMEDY, TenantRepository } from '@porchlight/identity';
import { buildJob, BuiltJob, JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { RECONCILER_OPTIONS, SMS_SECRET_READER } from './messaging.tokens';

export interface ReconcileReport {
  messages: number;
  inbound: number;
  /** Family replies whose translation job was lost. */
  replies: number;
  notices: number;
  unresolved: number;
  /** Messages the provider took whose final status never came back: looked up at the provider. */
  statuses: number;
}

export interface ReconcilerOptions {
  /** Work untouched this long without a job is re-enqueued. */
  staleAfterSeconds: number;
  /** A claimed message without a provider SID this long is looked up at the provider. */
  sendingStaleAfterSeconds: number;
  /** A message the provider took, still `sending` or `sent` this long after its last news, has its status looked up. */
  statusStaleAfterSeconds: number;
}

/** How long after it was sent a message's status can still change at the provider (carriers' receipts come within hours). */
const STATUS_HORIZON_HOURS = 72;

/** A message waiting `pending` or `queued` with no news for a while. */
interface WaitingMessage {
  id: string;
  notice_id: string | null;
  batch_job_id: string | null;
  urgency: Urgency;
  delay_ms: number;
}

/** Stale waiting messages a sweep looks at, at most, per tenant. */
const SWEEP_LIMIT = 20_000;
/**
 * They are looked at in pages of this many, and a page whose messages all still have their jobs
 * ends the sweep: a healthy broadcast's tail waits `queued` behind its batches for longer than
 * `staleAfterSeconds`, and checking and stamping 20,000 of those rows at every sweep cost the
 * broadcast more than anything else the dispatcher does. After a loss (Redis flushed) every page
 * finds lost work, and the sweep goes on to SWEEP_LIMIT as before.
 */
export const SWEEP_PAGE = 2_000;

/**
 * Postgres is the truth and Redis the transport: this sweep finds work whose job is gone (Redis
 * flushed or restarted, a producer that died between commit and enqueue) and enqueues it again
 * under the same deterministic job id, so work that still has its job is not doubled. Messages
 * whose worker died between claiming and storing the provider's SID are handed to delivery to be
 * looked up at the provider before anything is sent again.
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);

  /** `tenants` (a repository, with SECRETS_KEY): each sweep also checks that every district's SMS secret can be read; null skips the check. */
  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    @Inject(RECONCILER_OPTIONS) private readonly options: ReconcilerOptions,
    @Inject(SMS_SECRET_READER) private readonly tenants: TenantRepository | null,
  ) {}

  async sweep(): Promise<ReconcileReport> {
    const report: ReconcileReport = { messages: 0, inbound: 0, replies: 0, notices: 0, unresolved: 0, statuses: 0 };
    for (const tenantId of await everyTenantId(this.db)) {
      try {
        const found = await TenantContext.run({ tenantId, correlationId: 'reconciler' }, async () => {
          await this.checkSmsSecret(tenantId);
          return this.sweepTenant(tenantId);
        });
        for (const key of Object.keys(report) as (keyof ReconcileReport)[]) report[key] += found[key];
      } catch (error: unknown) {
        // One district's trouble must not stop the sweep for the others.
        this.logger.error({ msg: 'reconciling a tenant failed', tenantId, err: error instanceof Error ? error.message : String(error) });
      }
    }
    if (Object.values(report).some((n) => n > 0)) this.logger.warn({ msg: 'reconciled lost work', ...report });
    return report;
  }

  /**
   * A district whose SMS secret cannot be read has its messages wait — delivery retries them
   * quietly — so this is where the operator hears of it: one line per sweep that names the
   * district, how much waits and what to do. False when the secret cannot be read.
   */
  async checkSmsSecret(tenantId: string): Promise<boolean> {
    const tenants = this.tenants;
    if (!tenants) return true;
    const problem = await this.db.txFor(tenantId, async (m) => {
      const unreadable = await tenants.smsSecretProblem(m, tenantId);
      if (!unreadable) return undefined;
      const waiting = await queryOne<{ n: number }>(
        m,
        `select count(*)::int as n from messages where tenant_id = $1 and direction = 'outbound' and status in ('pending', 'queued', 'sending') and provider_sid is null`,
        [tenantId],
      );
      return { unreadable, waiting: waiting?.n ?? 0 };
    });
    if (!problem) return true;
    const { unreadable, waiting } = problem;
    this.logger.error({
      msg: `${unreadable.message}; ${String(waiting)} messages wait. To fix: ${SMS_SECRET_REMEDY}`,
      tenantId,
      slug: unreadable.slug,
      waiting,
    });
    return false;
  }

  /** One tenant's sweep (the caller has entered the tenant's context). */
  async sweepTenant(tenantId: string): Promise<ReconcileReport> {
    const { staleAfterSeconds: stale, sendingStaleAfterSeconds: sendingStale, statusStaleAfterSeconds: statusStale } = this.options;
    let messages = 0;
    // Rows looked at are stamped and drop out of the next page; those left to a fan-out still running are not, and are skipped.
    const skipped: string[] = [];
    for (let seen = 0; seen < SWEEP_LIMIT;) {
      const page = await this.db.tx((m) =>
        query<WaitingMessage>(
          m,
          `select msg.id, msg.notice_id, msg.batch_job_id, coalesce(n.urgency, 'urgent') as urgency,
             greatest(0, floor(extract(epoch from (msg.send_after - now())) * 1000))::int as delay_ms
           from messages msg left join notices n on n.id = msg.notice_id
           where msg.tenant_id = $1 and msg.direction = 'outbound' and msg.status in ('pending', 'queued')
             and msg.updated_at < now() - make_interval(secs => $2) and not (msg.id = any($3::uuid[]))
           limit ${String(SWEEP_PAGE)}`,
          [tenantId, stale, skipped],
        ),
      );
      if (page.length === 0) break;
      const { lost: lostHere, leftToFanOut } = await this.reviveMessages(tenantId, page);
      messages += lostHere;
      seen += page.length;
      skipped.push(...leftToFanOut);
      if (lostHere === 0 || page.length < SWEEP_PAGE) break;
    }
    const found = await this.db.tx(async (m) => ({
      unresolved: await query<{ id: string; claimed: string }>(
        m,
        `select id, extract(epoch from claimed_at)::bigint::text as claimed from messages
         where tenant_id = $1 and status = 'sending' and provider_sid is null and claimed_at < now() - make_interval(secs => $2) limit 5000`,
        [tenantId, sendingStale],
      ),
      // The wait between look-ups grows with the message's age (half of it, at least `statusStale`):
      // a carrier that never returns a receipt costs about nine look-ups in 72 hours, not one per wait.
      waitingStatus: await query<{ id: string; stamp: string }>(
        m,
        `select id, extract(epoch from updated_at)::bigint::text as stamp from messages
         where tenant_id = $1 and direction = 'outbound' and status in ('sending', 'sent') and provider_sid is not null
           and updated_at < now() - greatest(make_interval(secs => $2), (now() - created_at) / 2)
           and created_at > now() - make_interval(hours => $3) limit 5000`,
        [tenantId, statusStale, STATUS_HORIZON_HOURS],
      ),
      inbound: await query<{ id: string }>(
        m,
        `select id from messages where tenant_id = $1 and direction = 'inbound' and processed_at is null
           and created_at < now() - make_interval(secs => $2) limit 5000`,
        [tenantId, stale],
      ),
      replies: await query<{ id: string }>(
        m,
        `select id from messages where tenant_id = $1 and direction = 'inbound' and translate_requested_at < now() - make_interval(secs => $2) limit 5000`,
        [tenantId, stale],
      ),
      notices: await query<{ id: string; status: string; urgency: Urgency; delay_ms: number }>(
        m,
        `select id, status, urgency, greatest(0, floor(extract(epoch from (scheduled_at - now())) * 1000))::int as delay_ms
         from notices where tenant_id = $1
           and (status = 'translating' or (status = 'sending' and fanned_out_at is null))
           and updated_at < now() - make_interval(secs => $2)`,
        [tenantId, stale],
      ),
    }));

    const lost: BuiltJob[] = [];
    const alive = await this.jobs.existing(
      QueueName.Delivery,
      found.unresolved.map((row) => jobId.resolveMessage(row.id, row.claimed)),
    );
    for (const row of found.unresolved) {
      const id = jobId.resolveMessage(row.id, row.claimed);
      if (!alive.has(id)) lost.push(buildJob({ name: JobName.ResolveMessage, tenantId, messageId: row.id, claimedAt: row.claimed }));
    }
    // Deterministic ids (the message and the last news of it): a look-up already waiting is not doubled.
    for (const row of found.waitingStatus) lost.push(buildJob({ name: JobName.RefreshStatus, tenantId, messageId: row.id, stamp: row.stamp }));
    const inboundAlive = await this.jobs.existing(
      QueueName.Inbound,
      found.inbound.map((row) => jobId.processInbound(row.id)),
    );
    for (const row of found.inbound) {
      const id = jobId.processInbound(row.id);
      if (!inboundAlive.has(id)) lost.push(buildJob({ name: JobName.ProcessInbound, tenantId, messageId: row.id }));
    }
    const repliesAlive = await this.jobs.existing(
      QueueName.Translation,
      found.replies.map((row) => jobId.translateReply(row.id)),
    );
    for (const row of found.replies) {
      const id = jobId.translateReply(row.id);
      if (!repliesAlive.has(id)) lost.push(buildJob({ name: JobName.TranslateReply, tenantId, messageId: row.id }));
    }
    for (const notice of found.notices) {
      const translate = notice.status === 'translating';
      const id = translate ? jobId.translateNotice(notice.id) : jobId.fanOutNotice(notice.id);
      const queue = translate ? QueueName.Translation : QueueName.Dispatch;
      if ((await this.jobs.existing(queue, [id])).has(id)) continue;
      lost.push(
        buildJob(
          translate
            ? { name: JobName.TranslateNotice, tenantId, noticeId: notice.id, urgency: notice.urgency }
            : { name: JobName.FanOutNotice, tenantId, noticeId: notice.id, urgency: notice.urgency, delayMs: notice.delay_ms },
        ),
      );
    }
    await this.enqueueLost(lost);
    const count = (name: JobName) => lost.filter((entry) => entry.job.name === name).length;
    return {
      messages,
      unresolved: count(JobName.ResolveMessage),
      statuses: count(JobName.RefreshStatus),
      inbound: count(JobName.ProcessInbound),
      replies: count(JobName.TranslateReply),
      notices: count(JobName.TranslateNotice) + count(JobName.FanOutNotice),
    };
  }

  /**
   * One page of stale waiting messages: those whose job is gone are enqueued again, and every one
   * looked at is stamped, so the next page and the next sweep look at others. Returns how many were
   * lost, and the ids left to a fan-out still running (not stamped).
   */
  private async reviveMessages(tenantId: string, page: WaitingMessage[]): Promise<{ lost: number; leftToFanOut: string[] }> {
    // A notice still fanning out enqueues its own rows; leave them to it.
    const noticeIds = [...new Set(page.map((row) => row.notice_id).filter((id): id is string => id !== null))];
    const fanningOut = await this.jobs.existing(
      QueueName.Dispatch,
      noticeIds.map((id) => jobId.fanOutNotice(id)),
    );
    const rows = page.filter((row) => !row.notice_id || !fanningOut.has(jobId.fanOutNotice(row.notice_id)));
    // A message fan-out enqueued in a batch waits in that batch's job while it lives (or in its own, once it left the batch).
    const batchJobs = [...new Set(rows.map((row) => row.batch_job_id).filter((id): id is string => id !== null))];
    const alive = await this.jobs.existing(QueueName.Delivery, [...rows.map((row) => jobId.sendMessage(row.id)), ...batchJobs]);
    const lost = rows
      .filter((row) => !alive.has(jobId.sendMessage(row.id)) && (row.batch_job_id === null || !alive.has(row.batch_job_id)))
      .map((row) => buildJob({ name: JobName.SendMessage, tenantId, messageId: row.id, urgency: row.urgency, delayMs: row.delay_ms }));
    await this.enqueueLost(lost);
    if (rows.length > 0) {
      await this.db.tx((m) =>
        query(m, `update messages set status = 'queued', updated_at = now() where id = any($1::uuid[]) and status in ('pending', 'queued')`, [
          rows.map((row) => row.id),
        ]),
      );
    }
    const looked = new Set(rows);
    return { lost: lost.length, leftToFanOut: page.filter((row) => !looked.has(row)).map((row) => row.id) };
  }

  /** Jobs found lost, revived if they failed for good and enqueued again under their own ids. */
  private async enqueueLost(lost: BuiltJob[]): Promise<void> {
    if (lost.length === 0) return;
    for (const queue of new Set(lost.map((entry) => JOB_QUEUE[entry.job.name]))) {
      await this.jobs.revive(
        queue,
        lost.filter((entry) => JOB_QUEUE[entry.job.name] === queue).map((entry) => entry.options.jobId),
      );
    }
    await this.jobs.enqueueBulk(lost);
  }
}
