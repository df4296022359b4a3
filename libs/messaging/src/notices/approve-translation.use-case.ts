import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { noticeTranslations, NoticeTexts, rememberTranslation } from '@porchlight/translation';
import { loadNotice, noticeCounts } from './notice-reader';
import { NoticeTranslationView } from './notice-views';
import { knownTranslationViews, textSubject } from './translation-views';

/**
 * A liaison or a district admin accepts a translation that waits for review — stored, or the one
 * the preview proposes (catalog, memory, or an engine's, from its cache): it becomes ready, and
 * enters the district's translation memory for the next notice with the same text.
 */
@Injectable()
export class ApproveTranslationUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly texts: NoticeTexts,
  ) {}

  async execute(actor: StaffPrincipal, id: string, language: string): Promise<NoticeTranslationView> {
    // A notice the caller cannot open is 404 whatever their role; one they can, 403 unless they may approve.
    const { notice, reads } = await this.db.tx(async (m) => {
      const notice = await loadNotice(m, actor, id);
      return { notice, reads: Object.keys((await noticeCounts(m, actor, notice)).byLanguage).includes(language) };
    });
    if (actor.role !== 'liaison' && actor.role !== 'district_admin')
      throw new DomainError('forbidden', 'only a liaison or a district admin approves translations');
    if (notice.status !== 'draft') throw new DomainError('conflict', 'the notice has been sent; its translations can no longer change');
    // Outside the transaction: the engine's proposal comes from its cache when the preview showed it.
    // Only a language the audience reads has a proposal (no engine is asked for one nobody reads).
    const proposed = reads ? (await this.texts.decide(textSubject(notice), [language], { machine: true })).texts.get(language) : undefined;
    return this.db.tx(async (m) => {
      let body = await noticeTranslations.approve(m, id, language, actor.userId);
      if (body === undefined) {
        // Not stored yet: what the preview proposes for a draft is approved as it stands. An
        // emergency's fallback (the urgent line, then the source text) is no translation to approve,
        // nor one for the district's memory.
        if (!proposed || proposed.stored || proposed.fallback) throw DomainError.notFound('translation');
        await noticeTranslations.insertIfAbsent(m, actor.tenantId, id, {
          language,
          body: proposed.body,
          origin: proposed.origin,
          status: 'ready',
          provider: proposed.provider ?? null,
          updatedBy: actor.userId,
        });
        body = proposed.body;
      }
      await rememberTranslation(m, actor.tenantId, {
        sourceLanguage: notice.sourceLanguage,
        sourceText: notice.body,
        language,
        body,
        approvedBy: actor.userId,
      });
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'notice.translation_approved',
        subjectType: 'notice',
        subjectId: id,
        data: { language },
      });
      const approved = (await knownTranslationViews(m, this.texts, notice, [language])).find((view) => view.language === language);
      if (!approved) throw new Error(`the ${language} translation just approved has no view`);
      return approved;
    });
  }
}
