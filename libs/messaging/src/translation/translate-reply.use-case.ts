import { Injectable, Logger } from '@nestjs/common';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { staffReadingLanguage } from '@porchlight/identity';
import { TenantContext } from '@porchlight/tenancy';
import {
  glossaryTermsFor,
  MachineTranslation,
  TenantTranslator,
  toProjectLanguage,
  TranslationProviderError,
  translationFailureText,
} from '@porchlight/translation';

/** The reply and who reads its conversation. */
interface ReplyRow {
  body: string;
  language: string | null;
  assigned_user_id: string | null;
}

/**
 * A family's reply, translated for the staff who read it: into the language of the staff member
 * the conversation is assigned to, or the district's default language for a school's shared
 * inbox. Nothing is stored when the reply is already in that language. The original stays as it
 * came; the translation sits beside it. A reply no engine can translate keeps why
 * (`untranslated_reason`), which the conversation shows.
 */
@Injectable()
export class TranslateReplyUseCase {
  private readonly logger = new Logger(TranslateReplyUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly translator: TenantTranslator,
  ) {}

  async execute(messageId: string): Promise<'translated' | 'same_language' | 'untranslated' | 'skipped'> {
    const outcome = await this.translate(messageId);
    // Whatever the outcome, the reply no longer waits (a passing fault throws before this and is retried).
    await this.db.tx((m) => query(m, `update messages set translate_requested_at = null where id = $1 and translate_requested_at is not null`, [messageId]));
    return outcome;
  }

  private async translate(messageId: string): Promise<'translated' | 'same_language' | 'untranslated' | 'skipped'> {
    const work = await this.db.tx(async (m) => {
      const row = await queryOne<ReplyRow>(
        m,
        `select msg.body, msg.language, cv.assigned_user_id
         from messages msg
         left join conversations cv on cv.phone = msg.phone
         where msg.id = $1 and msg.direction = 'inbound' and msg.translated_body is null`,
        [messageId],
      );
      if (!row) return null;
      const to = await staffReadingLanguage(m, TenantContext.tenantId(), row.assigned_user_id);
      if (to === undefined) return null;
      const terms = await glossaryTermsFor(m, to);
      return { body: row.body, from: row.language, to, terms };
    });
    if (!work) return 'skipped';
    const { from, to } = work;
    if (!from || toProjectLanguage(from) === toProjectLanguage(to)) return 'same_language';
    let translated: MachineTranslation;
    try {
      translated = await this.translator.translate(work.body, from, to, work.terms);
    } catch (error: unknown) {
      // No engine for the pair (or none at all): staff read the original. Passing faults are retried.
      if (error instanceof TranslationProviderError && !error.retryable) {
        this.logger.warn({ msg: 'reply left untranslated', messageId, sourceLanguage: from, targetLanguage: to, reason: error.message });
        // Staff see why they read the family's own words (the reason is ours, never an engine's answer).
        const reason = `could not be translated from ${from} into ${to}: ${translationFailureText(error)}`;
        await this.db.tx((m) => query(m, `update messages set untranslated_reason = $2 where id = $1 and translated_body is null`, [messageId, reason]));
        return 'untranslated';
      }
      throw error;
    }
    await this.db.tx((m) =>
      query(m, `update messages set translated_body = $2, translated_language = $3, untranslated_reason = null where id = $1 and translated_body is null`, [
        messageId,
        translated.text,
        to,
      ]),
    );
    this.logger.log({ msg: 'reply translated', messageId, sourceLanguage: from, targetLanguage: to, provider: translated.provider });
    return 'translated';
  }
}
