import { Logger } from '@nestjs/common';
import { JobName, Urgency } from '@porchlight/contracts';
import { audienceQuery, FamilyScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { smartenToGsm } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';

const ENQUEUE_CHUNK = 5000;

/**
 * Fans a notice out: one message row per reachable phone (suppressed phones get a `suppressed`
 * row so they are counted), written before any delivery job exists, each with the moment it may
 * go: normal notices wait for the recipient's sending window (quiet hours), urgent ones and
 * emergencies go at once (an emergency inside quiet hours is counted and audited). Then delivery
 * jobs in bulk. Safe to run twice: rows are unique per (notice, phone), job ids deterministic.
 */
export class FanOutNoticeUseCase {
  private readonly logger = new Logger(FanOutNoticeUseCase.name);

  constructor(private readonly db: TenantDb, private readonly jobs: JobProducer) {}

  async execute(noticeId: string): Promise<{ written: number; enqueued: number }> {
    const tenantId = TenantContext.tenantId();
    const notice = await this.db.tx(async (m) => {
      const [row] = await m.query(
        `select n.id, n.urgency, n.audience, n.status, n.fanned_out_at, n.body, n.source_language, n.smart_encoding, n.author_user_id,
                u.role, u.school_ids, t.default_language
         from notices n join tenants t on t.id = n.tenant_id left join users u on u.id = n.author_user_id
         where n.id = $1 for update of n`,
        [noticeId],
      );
      if (!row || !['translating', 'sending'].includes(row.status)) return undefined;
      const written = row.fanned_out_at ? 0 : await this.writeRows(m, tenantId, row);
      return { urgency: row.urgency as Urgency, written };
    });
    if (!notice) return { written: 0, enqueued: 0 };
    const enqueued = await this.enqueuePending(noticeId, notice.urgency);
    this.logger.log({ msg: 'notice fanned out', noticeId, written: notice.written, enqueued });
    return { written: notice.written, enqueued };
  }

  private async writeRows(m: EntityManager, tenantId: string, notice: any): Promise<number> {
    const bodies = await this.finalBodies(m, notice);
    // The author's families, per their account now (an author nobody knows reaches nobody).
    const scope = FamilyScope.of({ role: notice.role, schoolIds: notice.school_ids });
    const q = audienceQuery({ tenantId, audience: notice.audience, defaultLanguage: notice.default_language, scope });
    const n = q.params.length;
    const waits = notice.urgency === 'normal';
    const [result] = await m.query(
      `with ${q.ctes},
       bodies as (select * from unnest($${n + 2}::text[], $${n + 3}::text[]) as b(language, body)),
       tenant as (select timezone, quiet_hours_start, quiet_hours_end from tenants where id = $1),
       recipients as (
         select ap.*, coalesce(b.language, $${n + 4}) as send_language, coalesce(b.body, src.body) as send_body,
           next_sending_time(
             coalesce((select max(c.time_zone) from contacts c where c.id = any(ap.contact_ids)), phone_time_zone(ap.phone), tenant.timezone),
             tenant.quiet_hours_start, tenant.quiet_hours_end) as window_opens
         from audience_phones ap
         cross join tenant
         left join bodies b on b.language = ap.language
         cross join (select body from bodies where language = $${n + 4}) src
       ),
       inserted as (
         insert into messages (tenant_id, notice_id, direction, kind, phone, contact_ids, language, body, status, error_message, author_user_id, send_after)
         select $1, $${n + 1}, 'outbound', 'notice', r.phone, r.contact_ids, r.send_language, r.send_body,
           case when r.opted_out or r.invalid then 'suppressed' else 'pending' end,
           case when r.opted_out then 'opted out' when r.invalid then 'invalid phone' end,
           $${n + 5}::uuid,
           case when $${n + 6}::boolean and r.window_opens > now() then r.window_opens end
         from recipients r
         on conflict (notice_id, phone) where notice_id is not null do nothing
         returning status
       )
       select (select count(*)::int from inserted) as written,
              (select count(*)::int from recipients r where not r.opted_out and not r.invalid and r.window_opens > now()) as outside_window`,
      [...q.params, notice.id, bodies.map((b) => b.language), bodies.map((b) => b.body), notice.source_language, notice.author_user_id, waits],
    );
    await m.query(`update notices set status = 'sending', fanned_out_at = now(), quiet_hours_overridden = $2, updated_at = now() where id = $1`, [
      notice.id,
      waits ? 0 : result.outside_window,
    ]);
    if (notice.urgency === 'emergency' && result.outside_window > 0) {
      await audit(m, tenantId, {
        actorUserId: notice.author_user_id,
        action: 'notice.quiet_hours_overridden',
        subjectType: 'notice',
        subjectId: notice.id,
        data: { recipients: result.outside_window },
      });
    }
    return result.written;
  }

  /** The text each language receives: the source, or a ready translation; smart-encoded when asked. */
  private async finalBodies(m: EntityManager, notice: any): Promise<{ language: string; body: string }[]> {
    const translations: { language: string; body: string }[] = await m.query(
      `select language, body from notice_translations where notice_id = $1 and status = 'ready' and language <> $2`,
      [notice.id, notice.source_language],
    );
    return [{ language: notice.source_language, body: notice.body }, ...translations].map(({ language, body }) => ({
      language,
      body: notice.smart_encoding ? smartenToGsm(body).text : body,
    }));
  }

  /** Enqueues delivery for the notice's `pending` rows in chunks, then marks them `queued`. */
  async enqueuePending(noticeId: string, urgency: Urgency): Promise<number> {
    const tenantId = TenantContext.tenantId();
    let enqueued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; delay_ms: number }[] = await this.db.tx((m) =>
        m.query(
          `select id, greatest(0, floor(extract(epoch from (send_after - now())) * 1000))::int as delay_ms
           from messages where notice_id = $1 and status = 'pending' and id > $2 order by id limit $3`,
          [noticeId, after, ENQUEUE_CHUNK],
        ),
      );
      if (rows.length === 0) return enqueued;
      await this.jobs.addBulk(
        rows.map((row, i) => ({ name: JobName.SendMessage, tenantId, messageId: row.id, urgency, position: enqueued + i, delayMs: row.delay_ms })),
      );
      await this.db.tx((m) =>
        m.query(`update messages set status = 'queued', updated_at = now() where id = any($1::uuid[]) and status = 'pending'`, [
          rows.map((row) => row.id),
        ]),
      );
      enqueued += rows.length;
      after = rows[rows.length - 1].id;
    }
  }
}
