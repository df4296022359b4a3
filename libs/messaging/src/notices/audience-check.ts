import { Audience, DomainError } from '@porchlight/contracts';
import { countVisibleIds, FamilyScope } from '@porchlight/contacts';
import { EntityManager } from 'typeorm';

/** Every id in the audience names something `scope` sees (families and sections of other schools are unknown ids), and it names someone. */
export async function checkAudience(m: EntityManager, scope: FamilyScope, audience: Audience): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  const check = async (field: string, kind: 'schools' | 'contacts' | 'sections', ids: string[] | undefined) => {
    if (!ids || ids.length === 0) return;
    if ((await countVisibleIds(m, scope, kind, ids)) !== new Set(ids).size) problems.push({ field: `audience.${field}`, message: `unknown id in ${field}` });
  };
  await check('schoolIds', 'schools', audience.schoolIds);
  await check('contactIds', 'contacts', audience.contactIds);
  await check('sectionIds', 'sections', audience.sectionIds);
  const empty =
    !audience.all && !['schoolIds', 'grades', 'sectionIds', 'contactIds'].some((k) => (audience[k as keyof Audience] as unknown[] | undefined)?.length);
  if (empty) problems.push({ field: 'audience', message: 'name at least one of all, schoolIds, grades, sectionIds, contactIds' });
  if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
}
