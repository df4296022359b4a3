import { Audience, DomainError } from '@porchlight/contracts';
import { countSeenAudienceIds, FamilyScope } from '@porchlight/contacts';
import { EntityManager } from 'typeorm';

/** Every id in the audience names something the author sees (as for notices): families and sections of other schools are unknown ids. */
export async function checkAudience(m: EntityManager, scope: FamilyScope, audience: Audience): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  const check = async (field: 'schoolIds' | 'contactIds' | 'sectionIds', ids: string[] | undefined) => {
    if (!ids || ids.length === 0) return;
    const count = await countSeenAudienceIds(m, scope, field, ids);
    if (count !== new Set(ids).size) problems.push({ field: `audience.${field}`, message: `unknown id in ${field}` });
  };
  await check('schoolIds', audience.schoolIds);
  await check('contactIds', audience.contactIds);
  await check('sectionIds', audience.sectionIds);
  const parts = [audience.schoolIds, audience.grades, audience.sectionIds, audience.contactIds];
  if (!audience.all && !parts.some((ids) => ids && ids.length > 0)) {
    problems.push({ field: 'audience', message: 'name at least one of all, schoolIds, grades, sectionIds, contactIds' });
  }
  if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
}
