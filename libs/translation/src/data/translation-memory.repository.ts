import { EntityManager, In } from 'typeorm';
import { TranslationMemoryEntity } from './translation-memory.entity';

/** The district's translation memory (`translation_memory`), on the tenant-scoped manager of `TenantDb.tx`. */
export const translationMemory = {
  /** The remembered texts of one source (by its hash) in `languages`. */
  recall(m: EntityManager, source: { language: string; hash: string }, languages: string[]): Promise<TranslationMemoryEntity[]> {
    return m.findBy(TranslationMemoryEntity, { sourceLanguage: source.language, sourceHash: source.hash, language: In(languages) });
  },

  /** Keeps `entry` as the latest text of its source in its language. */
  async remember(m: EntityManager, entry: Omit<TranslationMemoryEntity, 'updatedAt'>): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(TranslationMemoryEntity)
      .values({ ...entry, updatedAt: () => 'now()' })
      .orUpdate(['body', 'approved_by', 'updated_at'], ['tenant_id', 'source_language', 'language', 'source_hash'])
      .execute();
  },
};
