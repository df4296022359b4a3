import { query } from '@porchlight/database';
import { ImportRun } from './import-run';
import { Deletions } from './oneroster-files';

/** Dependents first: what each deletion list removes, in order. */
const ORDER: [keyof Deletions, 'enrollments' | 'students' | 'sections' | 'courses' | 'academic_sessions' | 'schools'][] = [
  ['enrollments', 'enrollments'],
  ['users', 'students'],
  ['sections', 'sections'],
  ['courses', 'courses'],
  ['academic_sessions', 'academic_sessions'],
  ['schools', 'schools'],
];

/**
 * Records marked `tobedeleted`, removed after everything else, dependents first. A family member
 * is not deleted but erased: no name, phone or link is left behind, and the anonymous row keeps
 * the counts of who was reached true.
 */
export async function applyDeletions(run: ImportRun, deletions: Deletions): Promise<void> {
  run.report.phase = 'deletions';
  for (const [key, table] of ORDER) {
    const items = deletions[key];
    for (let i = 0; i < items.length; i += 1000) {
      const slice = items.slice(i, i + 1000);
      await run.apply(slice[0].file, slice, async (m, batch) => {
        const sids = batch.map((d) => d.sid);
        const removed = await query<{ id: string }>(m, `delete from ${table} where tenant_id = $1 and source_id = any($2::text[]) returning id`, [
          run.tenantId,
          sids,
        ]);
        let deleted = removed.length;
        if (key === 'users') {
          const erased = await query<{ id: string }>(
            m,
            `update contacts set given_name = null, family_name = null, phone = null, email = null, source_id = null,
               erased_at = now(), updated_at = now()
             where tenant_id = $1 and source_id = any($2::text[]) returning id`,
            [run.tenantId, sids],
          );
          await query(m, `delete from contact_students where contact_id = any($1::uuid[])`, [erased.map((r) => r.id)]);
          deleted += erased.length;
        }
        return { deleted, unchanged: batch.length - deleted };
      });
    }
  }
}
