import {
  createTwoSchoolDistrict,
  FAMILIES_SEEN,
  InProcessApi,
  randomHex,
  startInProcessApi,
  TwoSchoolDistrict,
  Viewer,
  VIEWER_NAMES,
  useIntegration,
} from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

/**
 * School scope on the roster, through the API in-process (Postgres as the application role, RLS
 * on): schools, students and family contacts, for every role, with two schools and a family in
 * both; erasure and imports are the district admin's.
 */
describe('Roster school scope: who sees which schools, students and families (HTTP, Postgres)', () => {
  const spec = useIntegration('roster-scope', { tenant: false, redis: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755503' });
    api = await startInProcessApi(createApiApp, { prefix: `spec-roster-scope-${randomHex(4)}` });
  });

  spec.onTeardown(() => api?.close());

  const as = (viewer: Viewer) => api.as(viewer.token);
  const schoolsSeen = (viewer: Viewer): string[] =>
    ({ district: [d.schools.north, d.schools.south], north: [d.schools.north], south: [d.schools.south], none: [] })[viewer.sees];
  const studentsSeen = (viewer: Viewer): string[] => {
    const { northEn, northEs, bothNorth, southVi, southEs, bothSouth } = d.students;
    const north = [northEn, northEs, bothNorth];
    const south = [southVi, southEs, bothSouth];
    return { district: [...north, ...south], north, south, none: [] }[viewer.sees];
  };
  const contactsSeen = (viewer: Viewer) => FAMILIES_SEEN[viewer.sees].map((key) => d.contacts[key]);
  const sorted = (ids: string[]) => [...ids].sort();

  describe.each(VIEWER_NAMES)('%s', (name) => {
    let viewer: Viewer;
    beforeAll(() => {
      viewer = d.viewer(name);
    });

    it('lists exactly the schools, students and families of its scope', async () => {
      const schools = await as(viewer).get('/api/v1/schools');
      expect(schools.status).toBe(200);
      expect(sorted(schools.body.map((s: { id: string }) => s.id))).toEqual(sorted(schoolsSeen(viewer)));

      const students = await as(viewer).get('/api/v1/students');
      expect(students.status).toBe(200);
      expect(sorted(students.body.map((s: { id: string }) => s.id))).toEqual(sorted(studentsSeen(viewer)));

      const contacts = await as(viewer).get('/api/v1/contacts');
      expect(contacts.status).toBe(200);
      expect(sorted(contacts.body.items.map((c: { id: string }) => c.id))).toEqual(sorted(contactsSeen(viewer)));
    });

    it('narrows to a school it asked for, never past its scope', async () => {
      const students = await as(viewer).get(`/api/v1/students?schoolId=${d.schools.south}`);
      expect(sorted(students.body.map((s: { id: string }) => s.id))).toEqual(
        sorted(studentsSeen(viewer).filter((id) => studentsSeen(d.viewer('south staff')).includes(id))),
      );
      const contacts = await as(viewer).get(`/api/v1/contacts?schoolId=${d.schools.south}`);
      const southFamilies = contactsSeen(d.viewer('south staff'));
      expect(sorted(contacts.body.items.map((c: { id: string }) => c.id))).toEqual(sorted(contactsSeen(viewer).filter((id) => southFamilies.includes(id))));
    });

    it('opens and changes the families it sees; any other family is 404', async () => {
      for (const [key, id] of Object.entries(d.contacts)) {
        const seen = contactsSeen(viewer).includes(id);
        const got = await as(viewer).get(`/api/v1/contacts/${id}`);
        expect([key, got.status]).toEqual([key, seen ? 200 : 404]);
        if (seen) expect(got.body.phone).toBe(d.phones[key as keyof typeof d.phones]);
        else expect(JSON.stringify(got.body)).not.toContain(d.phones[key as keyof typeof d.phones]);
        const patched = await as(viewer).patch(`/api/v1/contacts/${id}`, { email: `${key}@family.test` });
        expect([key, patched.status]).toEqual([key, seen ? 200 : 404]);
      }
    });
  });

  it('adds students only to schools the caller sees (another school is 404)', async () => {
    for (const viewer of d.viewers) {
      for (const school of [d.schools.north, d.schools.south]) {
        const created = await as(viewer).post('/api/v1/students', { givenName: 'New', familyName: 'Pupil', schoolId: school });
        expect([viewer.name, school, created.status]).toEqual([viewer.name, school, schoolsSeen(viewer).includes(school) ? 201 : 404]);
      }
    }
  });

  it('erases a family only as a district admin: 403 for other roles that see it, 404 for those that do not', async () => {
    const leaving = await as(d.viewer('district admin')).post('/api/v1/contacts', {
      phone: '+16175550399',
      language: 'en',
      givenName: 'Leaving',
      studentIds: [d.students.bothNorth],
    });
    expect(leaving.status).toBe(201);
    const id = leaving.body.id;
    for (const viewer of d.viewers.filter((v) => v.role !== 'district_admin')) {
      const refused = await as(viewer).delete(`/api/v1/contacts/${id}`);
      expect([viewer.name, refused.status]).toEqual([viewer.name, viewer.sees === 'north' ? 403 : 404]);
    }
    expect((await as(d.viewer('district admin')).get(`/api/v1/contacts/${id}`)).body.givenName).toBe('Leaving');
    expect((await as(d.viewer('district admin')).delete(`/api/v1/contacts/${id}`)).status).toBe(204);
    expect((await as(d.viewer('district admin')).get(`/api/v1/contacts/${id}`)).status).toBe(404);
  });

  it("lets a school-level user add a family only through its own school's students", async () => {
    const north = d.viewer('north staff');
    const other = await as(north).post('/api/v1/contacts', { phone: '+16175550398', language: 'en', studentIds: [d.students.southVi] });
    expect(other.status).toBe(400);
    expect(other.body.details).toEqual([{ field: 'studentIds', message: 'unknown student id' }]);
    const unlinked = await as(north).post('/api/v1/contacts', { phone: '+16175550398', language: 'en' });
    expect(unlinked.status).toBe(400);
    expect(unlinked.body.details).toEqual([{ field: 'studentIds', message: 'name at least one student of your schools' }]);
    const nowhere = await as(d.viewer('staff without schools')).post('/api/v1/contacts', {
      phone: '+16175550398',
      language: 'en',
      studentIds: [d.students.northEn],
    });
    expect(nowhere.status).toBe(400);
    const added = await as(north).post('/api/v1/contacts', { phone: '+16175550398', language: 'en', studentIds: [d.students.northEn] });
    expect(added.status).toBe(201);
    expect((await as(north).get(`/api/v1/contacts/${added.body.id}`)).status).toBe(200);
    expect((await as(d.viewer('south staff')).get(`/api/v1/contacts/${added.body.id}`)).status).toBe(404);
  });

  it("changes a two-school family's children in its own school only, keeping the other school's links", async () => {
    const north = d.viewer('north staff');
    const relinked = await as(north).patch(`/api/v1/contacts/${d.contacts.both}`, { studentIds: [d.students.northEn, d.students.bothNorth] });
    expect(relinked.status).toBe(200);
    // The caller reads back the links it may see; the district admin sees the South link kept.
    const all = await as(d.viewer('district admin')).get(`/api/v1/contacts/${d.contacts.both}`);
    expect(sorted(all.body.studentIds)).toEqual(sorted([d.students.northEn, d.students.bothNorth, d.students.bothSouth]));
    expect((await as(north).patch(`/api/v1/contacts/${d.contacts.both}`, { studentIds: [d.students.southEs] })).status).toBe(400);
    expect((await as(north).patch(`/api/v1/contacts/${d.contacts.both}`, { studentIds: [] })).status).toBe(400);
    const restored = await as(north).patch(`/api/v1/contacts/${d.contacts.both}`, { studentIds: [d.students.bothNorth] });
    expect(restored.status).toBe(200);
    const after = await as(d.viewer('district admin')).get(`/api/v1/contacts/${d.contacts.both}`);
    expect(sorted(after.body.studentIds)).toEqual(sorted([d.students.bothNorth, d.students.bothSouth]));
  });

  it('keeps imports to the district admin: 403 to start one, 404 to read one', async () => {
    const [imported] = await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`insert into imports (tenant_id, kind, created_by) values ($1, 'csv', $2) returning id`, [d.fixture.tenantId, d.fixture.adminId]),
    );
    expect((await as(d.viewer('district admin')).get(`/api/v1/imports/${imported.id}`)).status).toBe(200);
    for (const viewer of d.viewers.filter((v) => v.role !== 'district_admin')) {
      expect([viewer.name, (await as(viewer).get(`/api/v1/imports/${imported.id}`)).status]).toEqual([viewer.name, 404]);
      const form = new FormData();
      form.append('file', new Blob(['Student ID,Student Name,School,Phone\n1,Ann,North Elementary,+16175550397\n']), 'roster.csv');
      expect([viewer.name, (await as(viewer).post('/api/v1/imports/csv', form)).status]).toEqual([viewer.name, 403]);
    }
  });

  it('leaves the template catalog to everyone, a user without schools included', async () => {
    const templates = await as(d.viewer('staff without schools')).get('/api/v1/templates');
    expect(templates.status).toBe(200);
    expect(templates.body.length).toBeGreaterThan(0);
  });
});
