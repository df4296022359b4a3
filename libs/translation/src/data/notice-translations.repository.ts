import { EntityManager, In, Not } from 'typeorm';
import { NoticeTranslationEntity } from './notice-translation.entity';

/** A text to store for one language of a notice. */
export interface NoticeTranslationInput {
  language: string;
  body: string;
  origin: NoticeTranslationEntity['origin'];
  status: NoticeTranslationEntity['status'];
  provider?: string | null;
  reviewReason?: string | null;
  fallback?: boolean;
  updatedBy?: string | null;
}

/**
 * A notice's texts per language (`notice_translations`), for the notice workflows in messaging
 * and the text choice here. Every call runs on the tenant-scoped manager of `TenantDb.tx`.
 */
export const noticeTranslations = {
  /** The stored texts of `languages` (an empty list reads none). */
  of(m: EntityManager, noticeId: string, languages: string[]): Promise<NoticeTranslationEntity[]> {
    return m.findBy(NoticeTranslationEntity, { noticeId, language: In(languages) });
  },

  /** The texts ready to send, the source language's aside. */
  readyExcept(m: EntityManager, noticeId: string, sourceLanguage: string): Promise<NoticeTranslationEntity[]> {
    return m.findBy(NoticeTranslationEntity, { noticeId, status: 'ready', language: Not(sourceLanguage) });
  },

  /** Stores `text` unless the language already has one (a person's text is never overwritten). */
  async insertIfAbsent(m: EntityManager, tenantId: string, noticeId: string, text: NoticeTranslationInput): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(NoticeTranslationEntity)
      .values({
        tenantId,
        noticeId,
        language: text.language,
        body: text.body,
        origin: text.origin,
        status: text.status,
        provider: text.provider ?? null,
        reviewReason: text.reviewReason ?? null,
        fallback: text.fallback === true,
        updatedBy: text.updatedBy ?? null,
      })
      .orIgnore()
      .execute();
  },

  /** A person's own text for the language: ready, replacing whatever the language had. */
  async putHuman(m: EntityManager, tenantId: string, noticeId: string, text: { language: string; body: string; updatedBy: string }): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(NoticeTranslationEntity)
      .values({
        tenantId,
        noticeId,
        language: text.language,
        body: text.body,
        origin: 'human',
        status: 'ready',
        updatedBy: text.updatedBy,
        updatedAt: () => 'now()',
        provider: null,
        reviewReason: null,
      })
      .orUpdate(['body', 'origin', 'status', 'updated_by', 'updated_at', 'provider', 'review_reason'], ['notice_id', 'language'])
      .execute();
  },

  /** A person approved the stored text: ready, its review reason gone. The approved body, or undefined when none is stored. */
  async approve(m: EntityManager, noticeId: string, language: string, approvedBy: string): Promise<string | undefined> {
    const result = await m
      .createQueryBuilder()
      .update(NoticeTranslationEntity)
      .set({ status: 'ready', reviewReason: null, updatedBy: approvedBy, updatedAt: () => 'now()' })
      .where('notice_id = :noticeId and language = :language', { noticeId, language })
      .returning(['body'])
      .execute();
    return (result.raw as { body: string }[]).at(0)?.body;
  },
};

/**
 * SQL for the languages a notice has texts in (a `text[]`, sorted; `'{}'` when none), for a list of
 * notices read in one statement: `noticeId` is the SQL naming the notice's id, e.g. `n.id`.
 */
export function translatedLanguagesSql(noticeId: string): string {
  return `coalesce((select array_agg(nt.language order by nt.language) from notice_translations nt where nt.notice_id = ${noticeId}), '{}')`;
}
