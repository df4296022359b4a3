import { EntityManager, In } from 'typeorm';
import { FamilyScope } from '../visibility';
import { AcademicSessionEntity } from './academic-session.entity';
import { ContactStudentEntity } from './contact-student.entity';
import { CourseEntity } from './course.entity';
import { SchoolEntity } from './school.entity';
import { StudentEntity } from './student.entity';

/** Schools and students by key, on the tenant-scoped manager of `TenantDb.tx`. */

export type NewSchool = Pick<SchoolEntity, 'tenantId' | 'name' | 'sourceId'>;

export async function insertSchool(m: EntityManager, school: NewSchool): Promise<SchoolEntity> {
  const { identifiers } = await m.insert(SchoolEntity, school);
  const [{ id }] = identifiers as { id: string }[];
  return m.findOneByOrFail(SchoolEntity, { id });
}

/** The schools (not the district's own org) `scope` sees, by name. */
export function schoolsSeen(m: EntityManager, scope: FamilyScope): Promise<SchoolEntity[]> {
  if (scope.schoolIds?.length === 0) return Promise.resolve([]);
  return m.find(SchoolEntity, {
    where: { kind: 'school', ...(scope.schoolIds ? { id: In([...scope.schoolIds]) } : {}) },
    order: { name: 'ASC', id: 'ASC' },
  });
}

/** True when the school exists and is a school (students belong to schools, not to the district). */
export function isSchool(m: EntityManager, id: string): Promise<boolean> {
  return m.existsBy(SchoolEntity, { id, kind: 'school' });
}

export type NewStudent = Pick<StudentEntity, 'tenantId' | 'schoolId' | 'givenName' | 'familyName' | 'grade' | 'sourceId'>;

export async function insertStudent(m: EntityManager, student: NewStudent): Promise<StudentEntity> {
  const { identifiers } = await m.insert(StudentEntity, student);
  const [{ id }] = identifiers as { id: string }[];
  return m.findOneByOrFail(StudentEntity, { id });
}

/** The students `scope` sees (of one school, of one family member, when given), by name; at most `limit`. */
export async function studentsSeen(
  m: EntityManager,
  scope: FamilyScope,
  filter: { schoolId?: string; contactId?: string },
  limit: number,
): Promise<StudentEntity[]> {
  const schools = filter.schoolId === undefined ? scope.schoolIds : scope.seesSchool(filter.schoolId) ? [filter.schoolId] : [];
  if (schools?.length === 0) return [];
  const children =
    filter.contactId === undefined ? undefined : (await m.findBy(ContactStudentEntity, { contactId: filter.contactId })).map((link) => link.studentId);
  if (children?.length === 0) return [];
  return m.find(StudentEntity, {
    where: { ...(schools ? { schoolId: In([...schools]) } : {}), ...(children ? { id: In(children) } : {}) },
    order: { familyName: 'ASC', givenName: 'ASC', id: 'ASC' },
    take: limit,
  });
}

/** How many of the students (each counted once) `scope` sees. */
export function countStudentsSeen(m: EntityManager, scope: FamilyScope, ids: readonly string[]): Promise<number> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || scope.schoolIds?.length === 0) return Promise.resolve(0);
  return m.countBy(StudentEntity, { id: In(unique), ...(scope.schoolIds ? { schoolId: In([...scope.schoolIds]) } : {}) });
}

/** School ids by sourcedId (schools only, or every org), for an import to resolve references. */
export async function schoolIdsBySourceId(m: EntityManager, schoolsOnly: boolean): Promise<Map<string, string>> {
  const found = await m.find(SchoolEntity, { select: { id: true, sourceId: true }, where: schoolsOnly ? { kind: 'school' } : {} });
  return new Map(found.flatMap((s) => (s.sourceId === null ? [] : [[s.sourceId, s.id] as const])));
}

/** Course ids by sourcedId. */
export async function courseIdsBySourceId(m: EntityManager): Promise<Map<string, string>> {
  const found = await m.find(CourseEntity, { select: { id: true, sourceId: true } });
  return new Map(found.map((c) => [c.sourceId, c.id] as const));
}

/** Academic session ids by sourcedId. */
export async function sessionIdsBySourceId(m: EntityManager): Promise<Map<string, string>> {
  const found = await m.find(AcademicSessionEntity, { select: { id: true, sourceId: true } });
  return new Map(found.map((s) => [s.sourceId, s.id] as const));
}
