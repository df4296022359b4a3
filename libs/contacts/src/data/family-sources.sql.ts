import { query, queryOne } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { FamilyScope } from '../visibility';

/**
 * What other domains' set-based SQL reads of schools, students and families, so those tables are
 * named here only. Each builder returns a statement (for `from (...) alias`) or a scalar
 * subquery; Postgres flattens them into the caller's statement, so its plan does not change.
 */

/** Live family members (not erased): rows `(id, phone, language, role, time_zone)`. */
export function liveContactsSql(): string {
  return `select id, phone, language, role, time_zone from contacts where erased_at is null`;
}

/** Each student's live family members: rows `(student_id, phone, language, role)`. */
export function studentFamiliesSql(): string {
  return `select cs.student_id, c.phone, c.language, c.role
      from contact_students cs
      join contacts c on c.id = cs.contact_id and c.erased_at is null`;
}

/** The district's students: rows `(id, school_id, grade)`. */
export function studentsSql(): string {
  return `select id, school_id, grade from students`;
}

/** Scalar SQL: the distinct schools of the children of the contacts in `contactIds` (a uuid[] expression), `'{}'` for none. */
export function familySchoolIdsSql(contactIds: string): string {
  return `coalesce((select array_agg(distinct s.school_id) from contact_students cs join students s on s.id = cs.student_id where cs.contact_id = any(${contactIds})), '{}')`;
}

/** Scalar SQL: the distinct grades of the children of the contacts in `contactIds`, `'{}'` for none. */
export function familyGradesSql(contactIds: string): string {
  return `coalesce((select array_agg(distinct s.grade) filter (where s.grade is not null) from contact_students cs join students s on s.id = cs.student_id
                         where cs.contact_id = any(${contactIds})), '{}')`;
}

/** Scalar SQL: the distinct family roles of the contacts in `contactIds`, `'{}'` for none. */
export function familyRolesSql(contactIds: string): string {
  return `coalesce((select array_agg(distinct c.role) filter (where c.role is not null) from contacts c where c.id = any(${contactIds})), '{}')`;
}

/** Scalar SQL: the time zone a family member on `contactIds` gave (null when none did). */
export function familyTimeZoneSql(contactIds: string): string {
  return `(select max(c.time_zone) from contacts c where c.id = any(${contactIds}))`;
}

/** Scalar SQL: the schools, within `scope`, of the children of the live family members on the phone in `phone`; null for none. */
export function phoneSchoolIdsSql(phone: string, scope: FamilyScope, params: unknown[]): string {
  const inSchools = scope.schoolSql('s.school_id', params);
  return `(select array_agg(distinct s.school_id) from contacts c join contact_students cs on cs.contact_id = c.id join students s on s.id = cs.student_id
               where c.phone = ${phone} and c.erased_at is null and ${inSchools})`;
}

/** Scalar SQL: the names of the schools in `schoolIds` (a uuid[] expression), sorted, joined with '; '. */
export function schoolNamesListSql(schoolIds: string): string {
  return `(select string_agg(s.name, '; ' order by s.name) from schools s where s.id = any(${schoolIds}))`;
}

/** The names of the schools with these ids, by id; every school of the district (not the district's own row) without ids. */
export async function schoolNames(m: EntityManager, ids?: readonly string[]): Promise<Map<string, string>> {
  const found =
    ids === undefined
      ? await query<{ id: string; name: string }>(m, `select id::text, name from schools where kind = 'school'`)
      : await query<{ id: string; name: string }>(m, `select id::text, name from schools where id = any($1::uuid[])`, [ids]);
  return new Map(found.map((row) => [row.id, row.name]));
}

/** How many of these ids are schools of the district (its own row aside). */
export async function countDistrictSchools(m: EntityManager, ids: readonly string[]): Promise<number> {
  const row = await queryOne<{ n: number }>(m, `select count(*)::int as n from schools where id = any($1::uuid[]) and kind = 'school'`, [ids]);
  return row?.n ?? 0;
}

const AUDIENCE_PARTS = {
  schoolIds: { from: 'schools t', visible: (scope: FamilyScope, params: unknown[]) => scope.schoolSql('t.id', params) },
  contactIds: { from: 'contacts t', visible: (scope: FamilyScope, params: unknown[]) => scope.contactSql('t', params) },
  sectionIds: { from: 'sections t', visible: (scope: FamilyScope, params: unknown[]) => scope.schoolSql('t.school_id', params) },
} as const;

/** How many of an audience's ids (schools, family members or sections) exist and are seen by `scope`. */
export async function countSeenAudienceIds(m: EntityManager, scope: FamilyScope, part: keyof typeof AUDIENCE_PARTS, ids: readonly string[]): Promise<number> {
  const params: unknown[] = [ids];
  const { from, visible } = AUDIENCE_PARTS[part];
  const row = await queryOne<{ count: number }>(
    m,
    `select count(*)::int as count from ${from} where t.id = any($1::uuid[]) and ${visible(scope, params)}`,
    params,
  );
  return row?.count ?? 0;
}
