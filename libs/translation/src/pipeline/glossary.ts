import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { GlossaryTermEntity } from '../data/glossary-term.entity';
import { glossaryTerms } from '../data/glossary-terms.repository';
import { GlossaryTerm } from '../providers/placeholders';

export interface GlossaryEntry {
  id: string;
  term: string;
  /** A fixed translation per language; a language without one keeps the term as written. */
  translations: Record<string, string>;
  createdAt: string;
}

const toEntry = (r: GlossaryTermEntity): GlossaryEntry => ({
  id: r.id,
  term: r.term,
  translations: r.translations,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** The district's glossary as placeholder terms for one target language. */
export async function glossaryTermsFor(m: EntityManager, language: string): Promise<GlossaryTerm[]> {
  const found = await glossaryTerms.all(m);
  return found.map((r) => {
    const target = r.translations[language];
    return { source: r.term, ...(target ? { target } : {}) };
  });
}

/**
 * A district's glossary: school names, programs, acronyms that engines must not translate, or
 * must translate one fixed way. District admins keep it.
 */
@Injectable()
export class GlossaryUseCases {
  constructor(private readonly db: TenantDb) {}

  list(): Promise<GlossaryEntry[]> {
    return this.db.tx(async (m) => (await glossaryTerms.sorted(m)).map(toEntry));
  }

  async add(actor: StaffPrincipal, input: { term: string; translations?: Record<string, string> }): Promise<GlossaryEntry> {
    this.mustAdminister(actor);
    const term = input.term.trim();
    return this.db.tx(async (m) => {
      const added = await glossaryTerms.add(m, actor.tenantId, term, input.translations ?? {});
      if (!added) throw new DomainError('conflict', `the glossary already has "${term}"`);
      return toEntry(added);
    });
  }

  async remove(actor: StaffPrincipal, id: string): Promise<void> {
    this.mustAdminister(actor);
    await this.db.tx(async (m) => {
      if (!(await glossaryTerms.remove(m, id))) throw DomainError.notFound('glossary term');
    });
  }

  private mustAdminister(actor: StaffPrincipal): void {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can change the glossary');
  }
}
