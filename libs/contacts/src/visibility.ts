import { Role } from '@porchlight/contracts';

/**
 * Which of the district's families a staff member sees: the one rule every family-bearing read,
 * and every send, goes through (docs/roles.md).
 *
 * - A district admin sees the whole district.
 * - Every other role (school admin, staff, liaison) sees the families with a child enrolled in one
 *   of their schools, the students of those schools, and those families' messages and
 *   conversations. One phone is one family: a message or a thread is theirs when its phone belongs
 *   to a family member they see.
 * - A school-level user without schools sees no family at all; so does a user nobody knows (the
 *   author of a notice whose account is gone): the rule fails closed.
 *
 * The SQL fragments below filter rows in the query itself. Each takes the query's parameter list,
 * appends what it needs, and returns a predicate (`true` for the whole district). Name columns
 * with their table's alias (`msg.phone`, not `phone`): the fragments hold subqueries of their own.
 * `FamilyScope.schools([id])` also serves a filter the caller chose (`?schoolId=`).
 */
export class FamilyScope {
  private constructor(
    /** null: the whole district. */
    readonly schoolIds: readonly string[] | null,
  ) {}

  static readonly district = new FamilyScope(null);

  static schools(schoolIds: readonly string[]): FamilyScope {
    return new FamilyScope([...new Set(schoolIds)]);
  }

  /** The scope of a staff member (a principal, or a `users` row's role and school ids). */
  static of(user: { role: Role | null | undefined; schoolIds: readonly string[] | null | undefined }): FamilyScope {
    if (user.role === 'district_admin') return FamilyScope.district;
    return FamilyScope.schools(user.role ? (user.schoolIds ?? []) : []);
  }

  get districtWide(): boolean {
    return this.schoolIds === null;
  }

  /** True when the school is one this scope sees (every school, district-wide). */
  seesSchool(schoolId: string): boolean {
    return this.schoolIds === null || this.schoolIds.includes(schoolId);
  }

  /** The families both scopes see. */
  and(other: FamilyScope): FamilyScope {
    if (this.schoolIds === null) return other;
    if (other.schoolIds === null) return this;
    const theirs = other.schoolIds;
    return FamilyScope.schools(this.schoolIds.filter((id) => theirs.includes(id)));
  }

  /** True when the school id in `expr` (a student's, a section's, a school's own) is seen. */
  schoolSql(expr: string, params: unknown[]): string {
    if (this.schoolIds === null) return 'true';
    params.push(this.schoolIds);
    return `${expr} = any($${params.length.toString()}::uuid[])`;
  }

  /** True when contact `alias` (a `contacts` row) has a child enrolled in one of the schools. */
  contactSql(alias: string, params: unknown[]): string {
    if (this.schoolIds === null) return 'true';
    params.push(this.schoolIds);
    return contactInSchools(alias, params.length);
  }

  /**
   * True when the phone in `expr` is a family's the scope sees: a live contact on it has a child in
   * one of the schools. Uncorrelated, so Postgres hashes the phones once when it counts a large
   * notice's rows.
   */
  phoneSql(expr: string, params: unknown[]): string {
    if (this.schoolIds === null) return 'true';
    params.push(this.schoolIds);
    return `${expr} in (select c_scope.phone from contacts c_scope
                        join contact_students cs_scope on cs_scope.contact_id = c_scope.id
                        join students s_scope on s_scope.id = cs_scope.student_id
                        where c_scope.erased_at is null and s_scope.school_id = any($${params.length.toString()}::uuid[]))`;
  }
}

const contactInSchools = (alias: string, param: number) =>
  `exists (select 1 from contact_students cs_scope join students s_scope on s_scope.id = cs_scope.student_id
           where cs_scope.contact_id = ${alias}.id and s_scope.school_id = any($${param.toString()}::uuid[]))`;

/**
 * The caller's schools as a list (null: the whole district; empty: no family), for code that
 * numbers its own parameters. Prefer `FamilyScope` and its fragments.
 */
export function schoolScope(principal: { role: Role; schoolIds: readonly string[] }): string[] | null {
  const { schoolIds } = FamilyScope.of(principal);
  return schoolIds === null ? null : [...schoolIds];
}

/** SQL that is true when contact `alias` has a child in one of the schools in parameter `$param`. */
export function contactInSchoolsSql(alias: string, param: number): string {
  return contactInSchools(alias, param);
}
