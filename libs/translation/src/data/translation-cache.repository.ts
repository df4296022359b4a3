import { EntityManager } from 'typeorm';
import { TranslationCacheEntity } from './translation-cache.entity';

type CacheKey = Pick<TranslationCacheEntity, 'sourceLanguage' | 'language' | 'textHash'>;

/** Engine output already paid for (`translation_cache`), on the tenant-scoped manager of `TenantDb.tx`. */
export const translationCache = {
  find(m: EntityManager, key: CacheKey): Promise<TranslationCacheEntity | null> {
    return m.findOneBy(TranslationCacheEntity, key);
  },

  /** Keeps the first output stored for the key. */
  async store(m: EntityManager, entry: Omit<TranslationCacheEntity, 'createdAt'>): Promise<void> {
    await m.createQueryBuilder().insert().into(TranslationCacheEntity).values(entry).orIgnore().execute();
  },
};
