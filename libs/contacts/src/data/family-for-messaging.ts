import { query, queryOne } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { FamilyScope } from '../visibility';

/**
 * The time zone the family members of `contactIdsExpr` (a `uuid[]` expression) live in, as a
 * scalar subquery for set-based SQL that plans sending windows (null when none is known).
 */
export function contactsTimeZoneSql(contactIdsExpr: string): string {
  return `(select max(c_tz.time_zone) from contacts c_tz where c_tz.id = any(${contactIdsExpr}))`;
}

/** The phone of the live family member whose id is `contactIdExpr`, as a scalar subquery (null when none). */
export function contactPhoneSql(contactIdExpr: string): string {
  return `(select c_ph.phone from contacts c_ph where c_ph.id = ${contactIdExpr} and c_ph.erased_at is null)`;
}

/**
 * `left join` of the live family member `alias` whose id is `contactIdExpr`, when `visible` (a
 * predicate over `alias`, e.g. a FamilyScope's `contactSql`) holds: for reads that show who a
 * thread or a message is with.
 */
export function familyContactJoinSql(alias: string, contactIdExpr: string, visible: string): string {
  return `left join contacts ${alias} on ${alias}.id = ${contactIdExpr} and ${alias}.erased_at is null and ${visible}`;
}

/** The family member a phone belongs to (the first one on file), for a text that phone sent. */
export async function familyContactByPhone(m: EntityManager, phone: string): Promise<{ id: string; language: string } | undefined> {
  return queryOne<{ id: string; language: string }>(
    m,
    `select id, language from contacts where phone = $1 and erased_at is null order by created_at, id limit 1`,
    [phone],
  );
}

/** One phone is one family: every live contact on it now reads `language`, the family's own choice. */
export async function setFamilyLanguage(m: EntityManager, phone: string, language: string): Promise<void> {
  await query(m, `update contacts set language = $2, language_source = 'family', updated_at = now() where phone = $1 and erased_at is null`, [phone, language]);
}

/** The school of a family member's first child (by school id), whose shared inbox takes the family's replies. */
export async function schoolOfContact(m: EntityManager, contactId: string): Promise<string | undefined> {
  const row = await queryOne<{ school_id: string }>(
    m,
    `select s.school_id from contact_students cs join students s on s.id = cs.student_id where cs.contact_id = $1 order by s.school_id limit 1`,
    [contactId],
  );
  return row?.school_id;
}

/** How many of `ids` (schools, family members or sections) exist and are seen by `scope`. */
export async function countVisibleIds(
  m: EntityManager,
  scope: FamilyScope,
  kind: 'schools' | 'contacts' | 'sections',
  ids: readonly string[],
): Promise<number> {
  const params: unknown[] = [[...ids]];
  const visible =
    kind === 'schools' ? scope.schoolSql('t.id', params) : kind === 'contacts' ? scope.contactSql('t', params) : scope.schoolSql('t.school_id', params);
  const table = kind === 'schools' ? 'schools' : kind === 'contacts' ? 'contacts' : 'sections';
  const row = await queryOne<{ count: number }>(m, `select count(*)::int as count from ${table} t where t.id = any($1::uuid[]) and ${visible}`, params);
  return row?.count ?? 0;
}

/** The phone of a live family member `scope` sees (null when they have none), or undefined when not seen. */
export async function familyPhoneSeen(m: EntityManager, scope: FamilyScope, contactId: string): Promise<{ phone: string | null } | undefined> {
  const params: unknown[] = [contactId];
  return queryOne<{ phone: string | null }>(
    m,
    `select c.phone from contacts c where c.id = $1 and c.erased_at is null and ${scope.contactSql('c', params)}`,
    params,
  );
}

/** The schools of the children of the live family members on a phone: whoever sees one of them sees the family. */
export async function schoolsOfPhone(m: EntityManager, phone: string): Promise<string[]> {
  const rows = await query<{ school_id: string }>(
    m,
    `select distinct s.school_id from contacts c join contact_students cs on cs.contact_id = c.id join students s on s.id = cs.student_id
     where c.phone = $1 and c.erased_at is null`,
    [phone],
  );
  return rows.map((row) => row.school_id);
}
