import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { GlossaryTermEntity } from './glossary-term.entity';

/** The district's glossary (`glossary_terms`), on the tenant-scoped manager of `TenantDb.tx`. */
export const glossaryTerms = {
  /** Every term, in no order. */
  all(m: EntityManager): Promise<GlossaryTermEntity[]> {
    return m.find(GlossaryTermEntity);
  },

  /** Every term, by its lower-cased spelling. */
  sorted(m: EntityManager): Promise<GlossaryTermEntity[]> {
    return query<GlossaryTermEntity>(
      m,
      `select id, tenant_id as "tenantId", term, translations, created_at as "createdAt" from glossary_terms order by lower(term)`,
    );
  },

  /** Adds a term; undefined when the glossary already has it (case aside). */
  async add(m: EntityManager, tenantId: string, term: string, translations: Record<string, string>): Promise<GlossaryTermEntity | undefined> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(GlossaryTermEntity)
      .values({ tenantId, term, translations })
      .orIgnore()
      .returning(['id', 'tenant_id', 'term', 'translations', 'created_at'])
      .execute();
    const row = (result.raw as { id: string; tenant_id: string; term: string; translations: Record<string, string>; created_at: Date }[]).at(0);
    return (
      row &&
      Object.assign(new GlossaryTermEntity(), {
        id: row.id,
        tenantId: row.tenant_id,
        term: row.term,
        translations: row.translations,
        createdAt: row.created_at,
      })
    );
  },

  /** Removes a term; whether there was one. */
  async remove(m: EntityManager, id: string): Promise<boolean> {
    const result = await m.delete(GlossaryTermEntity, { id });
    return (result.affected ?? 0) > 0;
  },
};
