import { Injectable, Logger } from '@nestjs/common';
import { Audience, JobName, Urgency } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { audit, senderPace, staffForMessaging, tenantForMessaging, tenantQuietHoursSql } from '@porchlight/identity';
import { buildJob, JobProducer } from '@porchlight/queue';
import { smartenToGsm } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { noticeTranslations } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { NoticeEntity } from './data/notice.entity';
import { audiencePhonesQuery } from './phone-suppression';

/** A notice as fan-out reads it (locked). */
interface FanOutNotice {
  id: string;
  urgency: Urgency;
  audience: Audience;
  status: string;
  fanned_out_at: Date | null;
  body: string;
  source_language: string;
  smart_encoding: boolean;
  author_user_id: string | null;
}

const ENQUEUE_CHUNK = 5000;

/**
 * Messages per `message.send-batch` job: a sender without a pace of its own gets MAX_BATCH; one
 * with a pace (segments per second) about one second of it, so a batch is what the sender may send
 * at once.
 */
export const MAX_BATCH = 100;
export const batchSize = (perSecond: number | null) => (perSecond ? Math.max(1, Math.min(MAX_BATCH, perSecond)) : MAX_BATCH);

/**
 * Fans a notice out: one message row per reachable phone (suppressed phones get a `suppressed`
 * row so they are counted), written before any delivery job exists, each with the moment it may
 * go: normal notices wait for the recipient's sending window (quiet hours), urgent ones and
 * emergencies go at once (an emergency inside quiet hours is counted and audited). Then delivery
 * jobs in bulk, each a batch of messages that may go at the same moment. Safe to run twice: rows
 * are unique per (notice, phone), job ids deterministic.
 */
@Injectable()
export class FanOutNoticeUseCase {
  private readonly logger = new Logger(FanOutNoticeUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
  ) {}

  async execute(noticeId: string): Promise<{ written: number; enqueued: number }> {
    const tenantId = TenantContext.tenantId();
    const notice = await this.db.tx(async (m) => {
      const row = await queryOne<FanOutNotice>(
        m,
        `select id, urgency, audience, status, fanned_out_at, body, source_language, smart_encoding, author_user_id
         from notices where id = $1 for update`,
        [noticeId],
      );
      if (!row || !['translating', 'sending'].includes(row.status)) return undefined;
      const written = row.fanned_out_at ? 0 : await this.writeRows(m, tenantId, row);
      return { urgency: row.urgency, written };
    });
    if (!notice) return { written: 0, enqueued: 0 };
    const enqueued = await this.enqueuePending(noticeId, notice.urgency);
    this.logger.log({ msg: 'notice fanned out', noticeId, written: notice.written, enqueued });
    return { written: notice.written, enqueued };
  }

  private async writeRows(m: EntityManager, tenantId: string, notice: FanOutNotice): Promise<number> {
    const bodies = await this.finalBodies(m, notice);
    // The author's families, per their account now (an author nobody knows reaches nobody).
    const author = notice.author_user_id ? await staffForMessaging(m, notice.author_user_id) : undefined;
    const scope = FamilyScope.of({ role: author?.role, schoolIds: author?.schoolIds });
    const { defaultLanguage } = await tenantForMessaging(m, tenantId);
    const q = audiencePhonesQuery({ tenantId, audience: notice.audience, defaultLanguage, scope });
    // The parameters after the audience's own.
    const p = (i: number) => String(q.params.length + i);
    const waits = notice.urgency === 'normal';
    const result = await queryOne<{ written: number; outside_window: number }>(
      m,
      `with ${q.ctes},
       bodies as (select * from unnest($${p(2)}::text[], $${p(3)}::text[]) as b(language, body)),
       tenant as (${tenantQuietHoursSql('$1')}),
       recipients as (
         select ap.*, coalesce(b.language, $${p(4)}) as send_language, coalesce(b.body, src.body) as send_body,
           next_sending_time(
             coalesce(ap.time_zone, phone_time_zone(ap.phone), tenant.timezone),
             tenant.quiet_hours_start, tenant.quiet_hours_end) as window_opens
         from audience_phones ap
         cross join tenant
         left join bodies b on b.language = ap.language
         cross join (select body from bodies where language = $${p(4)}) src
       ),
       inserted as (
         insert into messages (tenant_id, notice_id, direction, kind, phone, contact_ids, language, body, status, error_message, author_user_id, send_after)
         select $1, $${p(1)}, 'outbound', 'notice', r.phone, r.contact_ids, r.send_language, r.send_body,
           case when r.opted_out or r.invalid then 'suppressed' else 'pending' end,
           case when r.opted_out then 'opted out' when r.invalid then 'invalid phone' end,
           $${p(5)}::uuid,
           case when $${p(6)}::boolean and r.window_opens > now() then r.window_opens end
         from recipients r
         on conflict (notice_id, phone) where notice_id is not null do nothing
         returning status
       )
       select (select count(*)::int from inserted) as written,
              (select count(*)::int from recipients r where not r.opted_out and not r.invalid and r.window_opens > now()) as outside_window`,
      [...q.params, notice.id, bodies.map((b) => b.language), bodies.map((b) => b.body), notice.source_language, notice.author_user_id, waits],
    );
    const outsideWindow = result?.outside_window ?? 0;
    await m.update(
      NoticeEntity,
      { id: notice.id },
      { status: 'sending', fannedOutAt: () => 'now()', quietHoursOverridden: waits ? 0 : outsideWindow, updatedAt: () => 'now()' },
    );
    if (notice.urgency === 'emergency' && outsideWindow > 0) {
      await audit(m, tenantId, {
        actorUserId: notice.author_user_id,
        action: 'notice.quiet_hours_overridden',
        subjectType: 'notice',
        subjectId: notice.id,
        data: { recipients: outsideWindow },
      });
    }
    return result?.written ?? 0;
  }

  /** The text each language receives: the source, or a ready translation; smart-encoded when asked. */
  private async finalBodies(m: EntityManager, notice: FanOutNotice): Promise<{ language: string; body: string }[]> {
    const translations = await noticeTranslations.readyExcept(m, notice.id, notice.source_language);
    return [{ language: notice.source_language, body: notice.body }, ...translations].map(({ language, body }) => ({
      language,
      body: notice.smart_encoding ? smartenToGsm(body).text : body,
    }));
  }

  /**
   * Enqueues delivery for the notice's `pending` rows: in chunks of rows by id, the rows of a chunk
   * that may go at the same moment (same sending window) in `message.send-batch` jobs of up to
   * `batchSize` messages, each named by its first and last message. Each row is marked `queued`
   * with its batch's job id (which the reconciler and the provider look-up check) before the jobs
   * are added; a batch ranks as the message of its place in the broadcast would.
   */
  async enqueuePending(noticeId: string, urgency: Urgency): Promise<number> {
    const tenantId = TenantContext.tenantId();
    const size = batchSize(await this.db.tx((m) => senderPace(m, tenantId)));
    let enqueued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.db.tx((m) =>
        query<{ id: string; delay_ms: number }>(
          m,
          `select id, greatest(0, ceil(extract(epoch from (send_after - now())) * 1000))::int as delay_ms
           from messages where notice_id = $1 and status = 'pending' and id > $2 order by id limit $3`,
          [noticeId, after, ENQUEUE_CHUNK],
        ),
      );
      if (rows.length === 0) return enqueued;
      const sameMoment = new Map<number, string[]>();
      for (const row of rows) {
        const ids = sameMoment.get(row.delay_ms);
        if (ids) ids.push(row.id);
        else sameMoment.set(row.delay_ms, [row.id]);
      }
      const batches = [];
      let position = enqueued;
      for (const [delayMs, ids] of sameMoment) {
        for (let i = 0; i < ids.length; i += size) {
          const messageIds = ids.slice(i, i + size);
          batches.push(buildJob({ name: JobName.SendBatch, tenantId, noticeId, messageIds, urgency, position, delayMs }));
          position += messageIds.length;
        }
      }
      const batchOf = batches.flatMap(({ job, options }) => (job.name === JobName.SendBatch ? job.data.messageIds.map((id) => [id, options.jobId]) : []));
      await this.db.tx((m) =>
        query(
          m,
          `update messages msg set status = 'queued', batch_job_id = b.job_id, updated_at = now()
           from unnest($1::uuid[], $2::text[]) as b(id, job_id) where msg.id = b.id and msg.status = 'pending'`,
          [batchOf.map(([id]) => id), batchOf.map(([, job]) => job)],
        ),
      );
      await this.jobs.enqueueBulk(batches);
      enqueued += rows.length;
      after = rows[rows.length - 1].id;
    }
  }
}
