import { query, queryOne } from '@porchlight/database';
import { EntityManager, IsNull, Not } from 'typeorm';
import { FamilyScope } from '../visibility';
import { ContactEntity } from './contact.entity';
import { ContactStudentEntity } from './contact-student.entity';

/** Family members by key, and the scoped reads of them, on the tenant-scoped manager of `TenantDb.tx`. */

/** A `contacts` row as the reads below return it, with the ids of the family member's children. */
export interface ContactRow {
  id: string;
  given_name: string | null;
  family_name: string | null;
  phone: string | null;
  email: string | null;
  language: string;
  language_source: string;
  phone_source: string;
  role: string | null;
  consent: string;
  source_id: string | null;
  student_ids: string[];
  created_at: Date;
  updated_at: Date;
}

const SELECT = `
  select c.id, c.given_name, c.family_name, c.phone, c.email, c.language, c.language_source, c.phone_source, c.role, c.consent, c.source_id,
    c.created_at, c.updated_at,
    coalesce((select array_agg(cs.student_id order by cs.student_id) from contact_students cs where cs.contact_id = c.id), '{}') as student_ids
  from contacts c`;

/** The live family member, when `scope` sees them. */
export function findContactSeen(m: EntityManager, scope: FamilyScope, id: string): Promise<ContactRow | undefined> {
  const params: unknown[] = [id];
  return queryOne<ContactRow>(m, `${SELECT} where c.id = $1 and c.erased_at is null and ${scope.contactSql('c', params)}`, params);
}

export interface ContactFilter {
  /** Only families with a child in this school. */
  schoolId?: string;
  language?: string;
  /** Part of a name, the phone or the email. */
  q?: string;
  /** The id after which the page starts. */
  after?: string;
}

/** Live family members `scope` sees, by id: at most `limit`. */
export function contactsSeen(m: EntityManager, scope: FamilyScope, filter: ContactFilter, limit: number): Promise<ContactRow[]> {
  const params: unknown[] = [];
  const where = ['c.erased_at is null', scope.contactSql('c', params)];
  const add = (value: unknown) => `$${params.push(value).toString()}`;
  if (filter.schoolId) where.push(FamilyScope.schools([filter.schoolId]).contactSql('c', params));
  if (filter.language) where.push(`c.language = ${add(filter.language)}`);
  if (filter.q) {
    const p = add(`%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(
      `(c.given_name ilike ${p} or c.family_name ilike ${p} or (c.given_name || ' ' || c.family_name) ilike ${p} or c.phone like ${p} or c.email ilike ${p})`,
    );
  }
  if (filter.after) where.push(`c.id > ${add(filter.after)}::uuid`);
  return query<ContactRow>(m, `${SELECT} where ${where.join(' and ')} order by c.id limit ${add(limit)}`, params);
}

export type NewContact = Pick<
  ContactEntity,
  'tenantId' | 'givenName' | 'familyName' | 'phone' | 'email' | 'language' | 'languageSource' | 'phoneSource' | 'sourceId'
>;

/** Writes a family member; returns the id. */
export async function insertContact(m: EntityManager, contact: NewContact): Promise<string> {
  const { identifiers } = await m.insert(ContactEntity, contact);
  const [{ id }] = identifiers as { id: string }[];
  return id;
}

export function findContact(m: EntityManager, id: string): Promise<ContactEntity | null> {
  return m.findOneBy(ContactEntity, { id });
}

type ContactChanges = Partial<Pick<ContactEntity, 'givenName' | 'familyName' | 'phone' | 'phoneSource' | 'email' | 'language' | 'languageSource'>>;

/** Changes a family member; `updated_at` is now. */
export async function updateContact(m: EntityManager, id: string, changes: ContactChanges): Promise<void> {
  await m.update(ContactEntity, { id }, { ...changes, updatedAt: () => 'now()' });
}

/** Clears a family member's personal data and links; the row stays, anonymous, so counts stay true. */
export async function eraseContactRow(m: EntityManager, id: string): Promise<void> {
  await m.update(
    ContactEntity,
    { id },
    { givenName: null, familyName: null, phone: null, email: null, sourceId: null, erasedAt: () => 'now()', updatedAt: () => 'now()' },
  );
  await m.delete(ContactStudentEntity, { contactId: id });
}

/** True when a live family member other than `exceptId` has this phone. */
export function phoneOfAnotherContact(m: EntityManager, phone: string, exceptId: string): Promise<boolean> {
  return m.existsBy(ContactEntity, { phone, id: Not(exceptId), erasedAt: IsNull() });
}

/** Links a family member to children (links already there stay). */
export async function linkStudents(m: EntityManager, tenantId: string, contactId: string, studentIds: readonly string[]): Promise<void> {
  const unique = [...new Set(studentIds)];
  if (unique.length === 0) return;
  await m
    .createQueryBuilder()
    .insert()
    .into(ContactStudentEntity)
    .values(unique.map((studentId) => ({ tenantId, contactId, studentId })))
    .orIgnore()
    .execute();
}

/** Removes a family member's links to the children `scope` sees (links to others' are not theirs to remove). */
export async function unlinkStudentsSeen(m: EntityManager, scope: FamilyScope, contactId: string): Promise<void> {
  const params: unknown[] = [contactId];
  await query(
    m,
    `delete from contact_students cs using students s
     where s.id = cs.student_id and cs.contact_id = $1 and ${scope.schoolSql('s.school_id', params)}`,
    params,
  );
}
