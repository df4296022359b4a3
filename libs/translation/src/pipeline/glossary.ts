import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { rows, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { GlossaryTerm } from '../providers/placeholders';

export interface GlossaryEntry {
  id: string;
  term: string;
  /** A fixed translation per language; a language without one keeps the term as written. */
  translations: Record<string, string>;
  createdAt: string;
}

/** A `glossary_terms` row as Postgres returns it. */
interface GlossaryRow {
  id: string;
  term: string;
  translations: Record<string, string> | null;
  created_at: Date | string;
}

const toEntry = (r: GlossaryRow): GlossaryEntry => ({
  id: r.id,
  term: r.term,
  translations: r.translations ?? {},
  createdAt: new Date(r.created_at).toISOString(),
});

/** The district's glossary as placeholder terms for one target language. */
export async function glossaryTermsFor(m: EntityManager, language: string): Promise<GlossaryTerm[]> {
  const found: { term: string; translations: Record<string, string> }[] = await m.query(`select term, translations from glossary_terms`);
  return found.map((r) => ({ source: r.term, ...(r.translations?.[language] ? { target: r.translations[language] } : {}) }));
}

/**
 * A district's glossary: school names, programs, acronyms that engines must not translate, or
 * must translate one fixed way. District admins keep it.
 */
export class GlossaryUseCases {
  constructor(private readonly db: TenantDb) {}

  list(actor: StaffPrincipal): Promise<GlossaryEntry[]> {
    return this.db.tx(async (m) => (await m.query(`select * from glossary_terms order by lower(term)`)).map(toEntry));
  }

  async add(actor: StaffPrincipal, input: { term: string; translations?: Record<string, string> }): Promise<GlossaryEntry> {
    this.mustAdminister(actor);
    const term = input.term.trim();
    return this.db.tx(async (m) => {
      const [row] = await m.query(
        `insert into glossary_terms (tenant_id, term, translations) values ($1, $2, $3)
         on conflict (tenant_id, lower(term)) do nothing returning *`,
        [actor.tenantId, term, JSON.stringify(input.translations ?? {})],
      );
      if (!row) throw new DomainError('conflict', `the glossary already has "${term}"`);
      return toEntry(row);
    });
  }

  async remove(actor: StaffPrincipal, id: string): Promise<void> {
    this.mustAdminister(actor);
    await this.db.tx(async (m) => {
      const deleted = await rows(m, `delete from glossary_terms where id = $1 returning id`, [id]);
      if (deleted.length === 0) throw DomainError.notFound('glossary term');
    });
  }

  private mustAdminister(actor: StaffPrincipal): void {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can change the glossary');
  }
}
