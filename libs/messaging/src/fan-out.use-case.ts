import { JobName, jobId } from '@porchlight/contracts';
import { audienceQuery, schoolScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { Logger } from '@nestjs/common';

const ENQUEUE_CHUNK = 5000;

/**
 * Job priority by urgency. In BullMQ a job without priority runs before any prioritised one, and
 * among those a lower number runs first: emergencies go straight to the wait list.
 */
export const URGENCY_PRIORITY = { emergency: 0, urgent: 1, normal: 10 } as const;

export const priorityOption = (priority: number) => (priority > 0 ? { priority } : {});

/**
 * Fans a notice out: one message row per reachable phone (suppressed phones get a `suppressed`
 * row so they are counted), written before any delivery job exists; then delivery jobs in bulk.
 * Safe to run twice: rows are unique per (notice, phone) and job ids are deterministic.
 */
export class FanOutNoticeUseCase {
  private readonly logger = new Logger(FanOutNoticeUseCase.name);

  constructor(private readonly db: TenantDb, private readonly jobs: JobProducer) {}

  async execute(noticeId: string): Promise<{ written: number; enqueued: number }> {
    const tenantId = TenantContext.tenantId();
    const notice = await this.db.tx(async (m) => {
      const [row] = await m.query(
        `select n.id, n.urgency, n.audience, n.status, n.fanned_out_at, u.role, u.school_ids, t.default_language
         from notices n join tenants t on t.id = n.tenant_id left join users u on u.id = n.author_user_id
         where n.id = $1 for update of n`,
        [noticeId],
      );
      if (!row || !['translating', 'sending'].includes(row.status)) return undefined;
      let written = 0;
      if (!row.fanned_out_at) {
        const scope = row.role ? schoolScope({ userId: '', tenantId, role: row.role, schoolIds: row.school_ids, language: 'en' }) : null;
        const q = audienceQuery({ tenantId, audience: row.audience, defaultLanguage: row.default_language, schoolScope: scope });
        const n = q.params.length;
        const result = await m.query(
          `with ${q.ctes},
           notice as (select id, body, source_language, author_user_id from notices where id = $${n + 1}),
           rows as (
             insert into messages (tenant_id, notice_id, direction, kind, phone, contact_ids, language, body, status, error_message, author_user_id)
             select $1, notice.id, 'outbound', 'notice', ap.phone, ap.contact_ids,
               case when ap.language = notice.source_language or nt.body is null then notice.source_language else ap.language end,
               case when ap.language = notice.source_language or nt.body is null then notice.body else nt.body end,
               case when ap.opted_out or ap.invalid then 'suppressed' else 'pending' end,
               case when ap.opted_out then 'opted out' when ap.invalid then 'invalid phone' end,
               notice.author_user_id
             from audience_phones ap
             cross join notice
             left join notice_translations nt on nt.notice_id = notice.id and nt.language = ap.language and nt.status = 'ready'
             on conflict (notice_id, phone) where notice_id is not null do nothing
             returning 1
           )
           select count(*)::int as written from rows`,
          [...q.params, noticeId],
        );
        written = result[0].written;
        await m.query(`update notices set status = 'sending', fanned_out_at = now(), updated_at = now() where id = $1`, [noticeId]);
      }
      return { urgency: row.urgency as keyof typeof URGENCY_PRIORITY, written };
    });
    if (!notice) return { written: 0, enqueued: 0 };
    const enqueued = await this.enqueuePending(noticeId, URGENCY_PRIORITY[notice.urgency]);
    this.logger.log({ msg: 'notice fanned out', noticeId, written: notice.written, enqueued });
    return { written: notice.written, enqueued };
  }

  /** Enqueues delivery for the notice's `pending` rows in chunks, then marks them `queued`. */
  async enqueuePending(noticeId: string, priority: number): Promise<number> {
    const tenantId = TenantContext.tenantId();
    const correlationId = TenantContext.correlationId() ?? noticeId;
    let enqueued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids: string[] = await this.db.tx(async (m) =>
        (
          await m.query(`select id from messages where notice_id = $1 and status = 'pending' and id > $2 order by id limit $3`, [
            noticeId,
            after,
            ENQUEUE_CHUNK,
          ])
        ).map((r: { id: string }) => r.id),
      );
      if (ids.length === 0) return enqueued;
      await this.jobs.enqueueBulk(
        ids.map((messageId) => ({
          job: { name: JobName.SendMessage, data: { tenantId, correlationId, messageId } },
          options: { jobId: jobId.sendMessage(messageId), ...priorityOption(priority) },
        })),
      );
      await this.db.tx((m) =>
        m.query(`update messages set status = 'queued', updated_at = now() where id = any($1::uuid[]) and status = 'pending'`, [ids]),
      );
      enqueued += ids.length;
      after = ids[ids.length - 1];
    }
  }
}
