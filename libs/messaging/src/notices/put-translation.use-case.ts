import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { noticeTranslations, NoticeTexts, rememberTranslation } from '@porchlight/translation';
import { loadNotice } from './notice-reader';
import { NoticeTranslationView } from './notice-views';
import { knownTranslationViews } from './translation-views';

/**
 * A person writes or corrects one language of a draft (origin `human`, ready); it enters the
 * district's translation memory for the next notice with the same text.
 */
@Injectable()
export class PutTranslationUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly texts: NoticeTexts,
  ) {}

  async execute(actor: StaffPrincipal, id: string, language: string, body: string): Promise<NoticeTranslationView> {
    return this.db.tx(async (m) => {
      const notice = await loadNotice(m, actor, id);
      if (language === notice.sourceLanguage) {
        throw new DomainError('invalid', 'validation failed', [
          { field: 'language', message: 'this is the notice source language: edit the notice body instead' },
        ]);
      }
      if (notice.status !== 'draft') throw new DomainError('conflict', 'the notice has been sent; its translations can no longer change');
      await noticeTranslations.putHuman(m, actor.tenantId, id, { language, body, updatedBy: actor.userId });
      await rememberTranslation(m, actor.tenantId, {
        sourceLanguage: notice.sourceLanguage,
        sourceText: notice.body,
        language,
        body,
        approvedBy: actor.userId,
      });
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'notice.translation_set', subjectType: 'notice', subjectId: id, data: { language } });
      const view = (await knownTranslationViews(m, this.texts, notice, [language])).find((known) => known.language === language);
      if (!view) throw new Error(`notice ${id}: the ${language} text just stored is not there`);
      return view;
    });
  }
}
