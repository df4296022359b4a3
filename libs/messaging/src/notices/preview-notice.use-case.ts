import { Injectable, Logger } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { NoticeTexts, TenantTranslator, translationFailureText } from '@porchlight/translation';
import { loadNotice, noticeCounts } from './notice-reader';
import { noticeAudience } from '../notice-visibility';
import { NoticePreview, NoticeTranslationView } from './notice-views';
import { plannedQuietHours } from './quiet-hours-effect';
import { textSubject, translationViews } from './translation-views';

/**
 * What a notice will do, before it is sent: who it reaches per language, who is suppressed, and
 * the text each language gets as NoticeTexts decides it — the machine translation included when
 * the district has an engine (translated now, cached: the next preview and the send reuse it),
 * with its review status, so a reviewer reads and fixes it before anything goes out.
 */
@Injectable()
export class PreviewNoticeUseCase {
  private readonly logger = new Logger(PreviewNoticeUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly texts: NoticeTexts,
    private readonly translator: TenantTranslator,
  ) {}

  async execute(actor: StaffPrincipal, id: string, options: { backTranslate?: boolean } = {}): Promise<NoticePreview> {
    const { notice, counts, quietHours } = await this.db.tx(async (m) => {
      const notice = await loadNotice(m, actor, id);
      const reader = FamilyScope.of(actor);
      const quietHours =
        notice.status === 'draft' ? await plannedQuietHours(m, await noticeAudience(m, actor.tenantId, notice, reader), notice) : notice.quietHours;
      return { notice, quietHours, counts: await noticeCounts(m, actor, notice, reader) };
    });
    // Outside any transaction: an engine may take seconds (and answers from its cache the next time).
    const languages = Object.keys(counts.byLanguage);
    const decision = await this.texts.decide(textSubject(notice), languages, { machine: notice.status === 'draft' });
    const translations = translationViews(notice, languages, decision);
    const segmentsByLanguage = new Map(translations.map((t) => [t.language, t.segments]));
    const estimatedSegments = Object.entries(counts.byLanguage).reduce(
      (sum, [language, n]) => sum + n * (segmentsByLanguage.get(language) || segmentsByLanguage.get(notice.sourceLanguage) || 0),
      0,
    );
    if (options.backTranslate) await this.backTranslate(translations, notice.sourceLanguage);
    return { recipients: { total: counts.total, byLanguage: counts.byLanguage }, suppressed: counts.suppressed, translations, estimatedSegments, quietHours };
  }

  /** Machine output read back in the source language, so a reviewer who does not read the target can judge it. */
  private async backTranslate(translations: NoticeTranslationView[], sourceLanguage: string): Promise<void> {
    for (const view of translations) {
      if (view.origin !== 'machine' || !view.body) continue;
      try {
        view.backTranslation = (await this.translator.translate(view.body, view.language, sourceLanguage)).text;
      } catch (error) {
        this.logger.warn({ msg: 'back-translation failed', language: view.language, reason: translationFailureText(error) });
      }
    }
  }
}
