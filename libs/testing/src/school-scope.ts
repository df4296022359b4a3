import type { Role } from '@porchlight/contracts';
import { TenantDb } from '../../database/src/tenant-db';
import { AccessTokens } from '../../identity/src/access-tokens';
import { createTenantFixture, TEST_SECRETS_KEY, TenantFixture } from './fixtures';

/** What a viewer should see of the two schools' families. */
export type Sight = 'district' | 'north' | 'south' | 'none';

export interface Viewer {
  name: string;
  role: Role;
  userId: string;
  token: string;
  sees: Sight;
}

/**
 * A district with two schools, for specs about who sees what. North: an English and a Spanish
 * family. South: a Vietnamese and a Spanish family. One English-speaking family has a child in
 * each school. Staff of every role: the district admin, North's school admin, staff member and
 * liaison, South's staff member, and a school admin, staff member and liaison given no school.
 */
export interface TwoSchoolDistrict {
  fixture: TenantFixture;
  schools: { north: string; south: string };
  students: { northEn: string; northEs: string; southVi: string; southEs: string; bothNorth: string; bothSouth: string };
  contacts: { northEn: string; northEs: string; southVi: string; southEs: string; both: string };
  phones: { northEn: string; northEs: string; southVi: string; southEs: string; both: string };
  viewers: Viewer[];
  viewer(name: string): Viewer;
}

/** The families each sight sees, by the keys of `contacts` and `phones`. */
export const FAMILIES_SEEN: Record<Sight, ('northEn' | 'northEs' | 'southVi' | 'southEs' | 'both')[]> = {
  district: ['northEn', 'northEs', 'southVi', 'southEs', 'both'],
  north: ['northEn', 'northEs', 'both'],
  south: ['southVi', 'southEs', 'both'],
  none: [],
};

const STAFF: { name: string; role: Role; school: 'north' | 'south' | null; sees: Sight }[] = [
  { name: 'north school admin', role: 'school_admin', school: 'north', sees: 'north' },
  { name: 'north staff', role: 'staff', school: 'north', sees: 'north' },
  { name: 'north liaison', role: 'liaison', school: 'north', sees: 'north' },
  { name: 'south staff', role: 'staff', school: 'south', sees: 'south' },
  { name: 'school admin without schools', role: 'school_admin', school: null, sees: 'none' },
  { name: 'staff without schools', role: 'staff', school: null, sees: 'none' },
  { name: 'liaison without schools', role: 'liaison', school: null, sees: 'none' },
];

/** Every viewer's name, for `describe.each`. */
export const VIEWER_NAMES: string[] = ['district admin', ...STAFF.map((member) => member.name)];

export async function createTwoSchoolDistrict(
  db: TenantDb,
  options: { phonePrefix: string; untranslatedPolicy?: 'hold' | 'send_source' },
): Promise<TwoSchoolDistrict> {
  const fixture = await createTenantFixture(db, { untranslatedPolicy: options.untranslatedPolicy });
  const tenantId = fixture.tenantId;
  const phones = {
    northEn: `${options.phonePrefix}01`,
    northEs: `${options.phonePrefix}02`,
    southVi: `${options.phonePrefix}03`,
    southEs: `${options.phonePrefix}04`,
    both: `${options.phonePrefix}05`,
  };
  const built = await db.txFor(tenantId, async (m) => {
    const school = async (name: string) =>
      (await m.query(`insert into schools (tenant_id, name) values ($1, $2) returning id`, [tenantId, name]))[0].id as string;
    const schools = { north: await school('North Elementary'), south: await school('South Middle') };
    const student = async (schoolId: string, givenName: string) =>
      (
        await m.query(`insert into students (tenant_id, school_id, given_name, family_name, grade) values ($1, $2, $3, 'Scope', '03') returning id`, [
          tenantId,
          schoolId,
          givenName,
        ])
      )[0].id as string;
    const students = {
      northEn: await student(schools.north, 'Ann'),
      northEs: await student(schools.north, 'Beto'),
      southVi: await student(schools.south, 'Chi'),
      southEs: await student(schools.south, 'Dario'),
      bothNorth: await student(schools.north, 'Eve'),
      bothSouth: await student(schools.south, 'Finn'),
    };
    const contact = async (phone: string, language: string, givenName: string, children: string[]) => {
      const [row] = await m.query(`insert into contacts (tenant_id, phone, language, given_name) values ($1, $2, $3, $4) returning id`, [
        tenantId,
        phone,
        language,
        givenName,
      ]);
      for (const child of children)
        await m.query(`insert into contact_students (tenant_id, contact_id, student_id) values ($1, $2, $3)`, [tenantId, row.id, child]);
      return row.id as string;
    };
    const contacts = {
      northEn: await contact(phones.northEn, 'en', 'Alice', [students.northEn]),
      northEs: await contact(phones.northEs, 'es', 'Benita', [students.northEs]),
      southVi: await contact(phones.southVi, 'vi', 'Cuong', [students.southVi]),
      southEs: await contact(phones.southEs, 'es', 'Dolores', [students.southEs]),
      both: await contact(phones.both, 'en', 'Erin', [students.bothNorth, students.bothSouth]),
    };
    const users: { userId: string; schoolIds: string[] }[] = [];
    for (const [i, member] of STAFF.entries()) {
      const schoolIds = member.school ? [schools[member.school]] : [];
      const [row] = await m.query(
        `insert into users (tenant_id, email, password_hash, name, role, language, school_ids) values ($1, $2, 'x', $3, $4, 'en', $5) returning id`,
        [tenantId, `scope-${i}@fixture.test`, member.name, member.role, schoolIds],
      );
      users.push({ userId: row.id, schoolIds });
    }
    return { schools, students, contacts, users };
  });
  const tokens = new AccessTokens(TEST_SECRETS_KEY, 3600);
  const issue = (userId: string, role: Role, schoolIds: string[]) => tokens.issue({ userId, tenantId, role, schoolIds, language: 'en' });
  const viewers: Viewer[] = [
    { name: 'district admin', role: 'district_admin', userId: fixture.adminId, token: await issue(fixture.adminId, 'district_admin', []), sees: 'district' },
  ];
  for (const [i, member] of STAFF.entries()) {
    const { userId, schoolIds } = built.users[i];
    viewers.push({ name: member.name, role: member.role, userId, token: await issue(userId, member.role, schoolIds), sees: member.sees });
  }
  return {
    fixture,
    schools: built.schools,
    students: built.students,
    contacts: built.contacts,
    phones,
    viewers,
    viewer(name: string): Viewer {
      const found = viewers.find((v) => v.name === name);
      if (!found) throw new Error(`no viewer named ${name}`);
      return found;
    },
  };
}
