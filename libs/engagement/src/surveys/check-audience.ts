import { Audience, DomainError } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { EntityManager } from 'typeorm';

/** Every id in the audience names something the author sees (as for notices): families and sections of other schools are unknown ids. */
export async function checkAudience(m: EntityManager, scope: FamilyScope, audience: Audience): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  const check = async (field: string, from: string, visible: (params: unknown[]) => string, ids: string[] | undefined) => {
    if (!ids || ids.length === 0) return;
    const params: unknown[] = [ids];
    const [{ count }] = await m.query(`select count(*)::int as count from ${from} where t.id = any($1::uuid[]) and ${visible(params)}`, params);
    if (count !== new Set(ids).size) problems.push({ field: `audience.${field}`, message: `unknown id in ${field}` });
  };
  await check('schoolIds', 'schools t', (params) => scope.schoolSql('t.id', params), audience.schoolIds);
  await check('contactIds', 'contacts t', (params) => scope.contactSql('t', params), audience.contactIds);
  await check('sectionIds', 'sections t', (params) => scope.schoolSql('t.school_id', params), audience.sectionIds);
  const parts = [audience.schoolIds, audience.grades, audience.sectionIds, audience.contactIds];
  if (!audience.all && !parts.some((ids) => ids && ids.length > 0)) {
    problems.push({ field: 'audience', message: 'name at least one of all, schoolIds, grades, sectionIds, contactIds' });
  }
  if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
}
