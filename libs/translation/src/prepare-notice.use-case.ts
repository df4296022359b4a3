import { Logger } from '@nestjs/common';
import { JobName, jobId, noticePriority, priorityOption, Urgency } from '@porchlight/contracts';
import { audienceCountsSql, audienceQuery, schoolScope } from '@porchlight/contacts';
import { rows, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';


/**
 * Makes sure every language a notice's audience reads has a usable text, then hands the notice to
 * the dispatcher. Today the texts come from the notice's source and people's translations; when a
 * language is still missing, the district's policy decides: hold the notice, or send the source.
 */
export class PrepareNoticeUseCase {
  private readonly logger = new Logger(PrepareNoticeUseCase.name);

  constructor(private readonly db: TenantDb, private readonly jobs: JobProducer) {}

  async execute(noticeId: string): Promise<'ready' | 'held' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const outcome = await this.db.tx(async (m) => {
      const [notice] = await m.query(
        `select n.status, n.urgency, greatest(0, floor(extract(epoch from (n.scheduled_at - now())) * 1000))::int as delay_ms, n.audience, n.source_language, t.default_language, t.translation, u.role, u.school_ids
         from notices n join tenants t on t.id = n.tenant_id left join users u on u.id = n.author_user_id
         where n.id = $1 for update of n`,
        [noticeId],
      );
      if (!notice || notice.status !== 'translating') return { result: 'skipped' as const };
      const scope = notice.role ? schoolScope({ userId: '', tenantId, role: notice.role, schoolIds: notice.school_ids, language: 'en' }) : null;
      const q = audienceQuery({ tenantId, audience: notice.audience, defaultLanguage: notice.default_language, schoolScope: scope });
      const [counts] = await m.query(audienceCountsSql(q), q.params);
      const needed = Object.keys(counts.by_language ?? {}).filter((language) => language !== notice.source_language);
      const ready = new Set(
        (await m.query(`select language from notice_translations where notice_id = $1 and status = 'ready'`, [noticeId])).map(
          (r: { language: string }) => r.language,
        ),
      );
      const missing = needed.filter((language) => !ready.has(language));
      if (missing.length > 0 && notice.translation.untranslatedPolicy !== 'send_source') {
        await rows(m, `update notices set status = 'draft', status_reason = $2, updated_at = now() where id = $1`, [
          noticeId,
          `translations needed before sending: ${missing.join(', ')}`,
        ]);
        return { result: 'held' as const, missing };
      }
      return { result: 'ready' as const, urgency: notice.urgency as Urgency, delayMs: (notice.delay_ms as number | null) ?? 0 };
    });
    if (outcome.result === 'ready') {
      this.logger.log({ msg: 'notice languages ready', noticeId });
      // A scheduled notice fans out at its time; quiet hours are then judged at that moment.
      await this.jobs.enqueue(
        { name: JobName.FanOutNotice, data: { tenantId, correlationId: TenantContext.correlationId() ?? noticeId, noticeId } },
        { jobId: jobId.fanOutNotice(noticeId), ...priorityOption(noticePriority(outcome.urgency)), ...(outcome.delayMs > 0 ? { delay: outcome.delayMs } : {}) },
      );
    } else if (outcome.result === 'held') {
      this.logger.warn({ msg: 'notice held for translation', noticeId, missing: outcome.missing });
    }
    return outcome.result;
  }
}
