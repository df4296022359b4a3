import { Injectable, Logger } from '@nestjs/common';
import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { audit, tenantForMessaging } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { NoticeTexts } from '@porchlight/translation';
import { checkSender, loadNotice, noticeCounts } from './notice-reader';
import { NoticeView } from './notice-views';
import { textSubject, translationViews } from './translation-views';

/**
 * Sends a draft: no language the audience reads may wait for review (the texts decided as the
 * preview shows them, the engine's answered from its cache), and every language must have a text
 * unless an engine will translate it or the district's policy is to send the source; then the
 * translation app takes over.
 */
@Injectable()
export class SendNoticeUseCase {
  private readonly logger = new Logger(SendNoticeUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly texts: NoticeTexts,
  ) {}

  async execute(actor: StaffPrincipal, id: string): Promise<NoticeView> {
    const { notice, languages } = await this.db.tx(async (m) => {
      const notice = await loadNotice(m, actor, id);
      return { notice, languages: Object.keys((await noticeCounts(m, actor, notice)).byLanguage) };
    });
    // Outside any transaction: an engine may take seconds (after a preview, its cache answers).
    const decision = notice.status === 'draft' ? await this.texts.decide(textSubject(notice), languages, { machine: true }) : null;
    const view = await this.db.tx(async (m) => {
      const locked = await queryOne<{ status: string }>(m, `select status from notices where id = $1 for update`, [id]);
      const current = await loadNotice(m, actor, id);
      if (!locked) throw DomainError.notFound('notice');
      if (locked.status !== 'draft' || !decision) throw new DomainError('conflict', `the notice is already ${locked.status}`);
      await checkSender(m, actor, current, 'sends');
      const counts = await noticeCounts(m, actor, current);
      const { translation } = await tenantForMessaging(m, actor.tenantId);
      const translations = translationViews(current, Object.keys(counts.byLanguage), decision);
      const toReview = translations.filter((t) => t.status === 'needs_review').map((t) => t.language);
      if (toReview.length > 0) {
        throw new DomainError('conflict', `translations to review before sending: ${toReview.join(', ')}`, { reviewLanguages: toReview });
      }
      // Languages still missing are the translation app's to fill when an engine is configured.
      const missing = translations.filter((t) => t.status === 'missing').map((t) => t.language);
      const machine = missing.length > 0 && (await this.texts.machineConfigured(m));
      if (missing.length > 0 && !machine && translation.untranslatedPolicy !== 'send_source') {
        throw new DomainError('conflict', `translations needed before sending: ${missing.join(', ')}`, { missingLanguages: missing });
      }
      await query(
        m,
        `update notices set status = 'translating', status_reason = null, send_requested_at = now(), correlation_id = coalesce($2, correlation_id), updated_at = now() where id = $1`,
        [id, TenantContext.correlationId() ?? null],
      );
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'notice.send',
        subjectType: 'notice',
        subjectId: id,
        data: { urgency: current.urgency, recipients: counts.total, languages: counts.byLanguage },
      });
      return loadNotice(m, actor, id);
    });
    this.logger.log({ msg: 'notice send requested', noticeId: id, urgency: view.urgency });
    await this.jobs.add({ name: JobName.TranslateNotice, tenantId: actor.tenantId, noticeId: id, urgency: view.urgency });
    return view;
  }
}
