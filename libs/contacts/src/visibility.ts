import { StaffPrincipal } from '@porchlight/contracts';

/**
 * The schools a staff member is limited to, or null when they see the whole district
 * (district admins, and staff who were given no schools).
 */
export function schoolScope(principal: StaffPrincipal): string[] | null {
  if (principal.role === 'district_admin' || principal.schoolIds.length === 0) return null;
  return principal.schoolIds;
}

/** SQL that is true when contact `alias` has a child in one of the schools in parameter `$param`. */
export function contactInSchoolsSql(alias: string, param: number): string {
  return `exists (select 1 from contact_students cs join students s on s.id = cs.student_id
                  where cs.contact_id = ${alias}.id and s.school_id = any($${param}::uuid[]))`;
}
