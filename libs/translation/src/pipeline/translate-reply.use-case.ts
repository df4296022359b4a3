import { Logger } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { toProjectLanguage } from '../languages';
import { TranslationProviderError, translationFailureText } from '../providers/translation-provider';
import { glossaryTermsFor } from './glossary';
import { TenantTranslator } from './tenant-translator';

/**
 * A family's reply, translated for the staff who read it: into the language of the staff member
 * the conversation is assigned to, or the district's default language for a school's shared
 * inbox. Nothing is stored when the reply is already in that language. The original stays as it
 * came; the translation sits beside it. A reply no engine can translate keeps why
 * (`untranslated_reason`), which the conversation shows.
 */
export class TranslateReplyUseCase {
  private readonly logger = new Logger(TranslateReplyUseCase.name);

  constructor(private readonly db: TenantDb, private readonly translator: TenantTranslator) {}

  async execute(messageId: string): Promise<'translated' | 'same_language' | 'untranslated' | 'skipped'> {
    const outcome = await this.translate(messageId);
    // Whatever the outcome, the reply no longer waits (a passing fault throws before this and is retried).
    await this.db.tx((m) => m.query(`update messages set translate_requested_at = null where id = $1 and translate_requested_at is not null`, [messageId]));
    return outcome;
  }

  private async translate(messageId: string): Promise<'translated' | 'same_language' | 'untranslated' | 'skipped'> {
    const work = await this.db.tx(async (m) => {
      const [row] = await m.query(
        `select msg.body, msg.language, coalesce(u.language, t.default_language) as staff_language
         from messages msg
         join tenants t on t.id = msg.tenant_id
         left join conversations cv on cv.phone = msg.phone
         left join users u on u.id = cv.assigned_user_id
         where msg.id = $1 and msg.direction = 'inbound' and msg.translated_body is null`,
        [messageId],
      );
      if (!row) return null;
      const terms = await glossaryTermsFor(m, row.staff_language);
      return { body: row.body as string, from: row.language as string | null, to: row.staff_language as string, terms };
    });
    if (!work) return 'skipped';
    if (!work.from || toProjectLanguage(work.from) === toProjectLanguage(work.to)) return 'same_language';
    let translated;
    try {
      translated = await this.translator.translate(work.body, work.from, work.to, work.terms);
    } catch (error) {
      // No engine for the pair (or none at all): staff read the original. Passing faults are retried.
      if (error instanceof TranslationProviderError && !error.retryable) {
        this.logger.warn({ msg: 'reply left untranslated', messageId, sourceLanguage: work.from, targetLanguage: work.to, reason: error.message });
        // Staff see why they read the family's own words (the reason is ours, never an engine's answer).
        await this.db.tx((m) =>
          m.query(`update messages set untranslated_reason = $2 where id = $1 and translated_body is null`, [
            messageId,
            `could not be translated from ${work.from} into ${work.to}: ${translationFailureText(error)}`,
          ]),
        );
        return 'untranslated';
      }
      throw error;
    }
    await this.db.tx((m) =>
      m.query(`update messages set translated_body = $2, translated_language = $3, untranslated_reason = null where id = $1 and translated_body is null`, [
        messageId,
        translated.text,
        work.to,
      ]),
    );
    this.logger.log({ msg: 'reply translated', messageId, sourceLanguage: work.from, targetLanguage: work.to, provider: translated.provider });
    return 'translated';
  }
}
