import { StaffPrincipal } from '@porchlight/contracts';
import { ImportsUseCases, RunImportUseCase, UploadedFile } from '@porchlight/contacts';
import { AccessTokens } from '@porchlight/identity';
import { TenantContext } from '@porchlight/tenancy';
import { addStaffUser, InProcessApi, startInProcessApi, TEST_SECRETS_KEY, TenantFixture, useIntegration } from '@porchlight/testing';
import { createReadStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiApp } from '../bootstrap';

const BUNDLE = resolve(__dirname, '../../../../tests/fixtures/oneroster');
const bundle = (): UploadedFile[] => readdirSync(BUNDLE).map((name) => ({ name, open: () => createReadStream(join(BUNDLE, name)) }));

// The setup drives the API and the dispatch steps for several districts: generous on a busy machine.
jest.setTimeout(60_000);
/** `GET /api/v1/sections`: the classes a OneRoster import wrote, with school, course and grades, in the caller's schools only. */
describe('Sections (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('sections', { poolSize: 3, extraTenants: 1 });
  let api: InProcessApi;
  let district: TenantFixture;
  let elsewhere: TenantFixture;
  const tokens: Record<string, string> = {};
  const adminOf = (f: TenantFixture): StaffPrincipal => ({ userId: f.adminId, tenantId: f.tenantId, role: 'district_admin', schoolIds: [], language: 'en' });

  const importBundle = async (f: TenantFixture) => {
    const imports = new ImportsUseCases(spec.db, spec.jobs);
    const { id } = await TenantContext.run({ tenantId: f.tenantId, correlationId: 'spec' }, () => imports.start(adminOf(f), 'oneroster', bundle()));
    await TenantContext.run({ tenantId: f.tenantId, correlationId: 'spec' }, () => new RunImportUseCase(spec.db).execute(id));
  };
  const get = (who: string, query = '') => api.as(tokens[who]).get(`/api/v1/sections${query}`);

  beforeAll(async () => {
    [district, elsewhere] = [spec.fixture, spec.tenants[0]];
    await importBundle(district);
    const [lincoln] = await spec.db.txFor(district.tenantId, (m) => m.query(`select id from schools where source_id = 'org-lincoln'`));
    const issuer = new AccessTokens(TEST_SECRETS_KEY, 3600);
    const teacher = await addStaffUser(spec.db, district.tenantId, { role: 'staff', schoolIds: [lincoln.id] });
    const nobody = await addStaffUser(spec.db, district.tenantId, { role: 'liaison', schoolIds: [] });
    tokens.admin = await issuer.issue({ userId: district.adminId, tenantId: district.tenantId, role: 'district_admin', schoolIds: [], language: 'en' });
    tokens.teacher = await issuer.issue({ userId: teacher, tenantId: district.tenantId, role: 'staff', schoolIds: [lincoln.id], language: 'en' });
    tokens.nobody = await issuer.issue({ userId: nobody, tenantId: district.tenantId, role: 'liaison', schoolIds: [], language: 'en' });
    tokens.elsewhere = await issuer.issue({ userId: elsewhere.adminId, tenantId: elsewhere.tenantId, role: 'district_admin', schoolIds: [], language: 'en' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
  });

  spec.onTeardown(() => api?.close());

  it('lists the imported classes by title with their school, course, grades and enrolled students', async () => {
    const got = await get('admin');
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      items: [
        {
          id: expect.any(String),
          title: 'Homeroom 3A, Room 12',
          classCode: 'HR3A',
          sourcedId: 'class-3a',
          school: { id: expect.any(String), name: 'Lincoln Elementary' },
          course: { id: expect.any(String), title: 'Grade 3 Homeroom', courseCode: 'HR3' },
          grades: ['03'],
          students: expect.any(Number),
        },
        {
          id: expect.any(String),
          title: 'Math 7 Accelerated - Period 2',
          classCode: 'MA7A-2',
          sourcedId: 'class-math7-2',
          school: { id: expect.any(String), name: 'Roosevelt Middle School, Upper Campus' },
          course: { id: expect.any(String), title: 'Math 7, Accelerated', courseCode: 'MA7A' },
          grades: ['07'],
          students: expect.any(Number),
        },
      ],
      nextCursor: null,
    });
    const [enrolled] = await spec.db.txFor(district.tenantId, (m) =>
      m.query(`select count(*)::int as n from enrollments e join sections s on s.id = e.section_id where s.source_id = 'class-3a'`),
    );
    expect(got.body.items[0].students).toBe(enrolled.n);
    expect(enrolled.n).toBeGreaterThan(0);
  });

  it('filters by school, grade and text, and pages by cursor', async () => {
    const roosevelt = (await get('admin')).body.items[1].school.id;
    expect((await get('admin', `?schoolId=${roosevelt}`)).body.items.map((s: { sourcedId: string }) => s.sourcedId)).toEqual(['class-math7-2']);
    expect((await get('admin', '?grade=03')).body.items.map((s: { sourcedId: string }) => s.sourcedId)).toEqual(['class-3a']);
    expect((await get('admin', '?q=math')).body.items.map((s: { sourcedId: string }) => s.sourcedId)).toEqual(['class-math7-2']);
    expect((await get('admin', '?q=%25')).body.items).toEqual([]);
    const first = await get('admin', '?limit=1');
    expect(first.body.items.map((s: { sourcedId: string }) => s.sourcedId)).toEqual(['class-3a']);
    const second = await get('admin', `?limit=1&cursor=${first.body.nextCursor}`);
    expect([second.body.items.map((s: { sourcedId: string }) => s.sourcedId), second.body.nextCursor]).toEqual([['class-math7-2'], null]);
  });

  it("shows school-level staff only their schools' classes, and another district none", async () => {
    expect((await get('teacher')).body.items.map((s: { sourcedId: string }) => s.sourcedId)).toEqual(['class-3a']);
    expect((await get('nobody')).body.items).toEqual([]);
    expect((await get('elsewhere')).body.items).toEqual([]);
  });

  it('answers bad filters with 400 naming each field', async () => {
    const bad = await get('admin', '?schoolId=x&limit=0&cursor=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((p: { field: string }) => p.field).sort()).toEqual(['limit', 'schoolId']);
    expect((await get('admin', '?cursor=nope')).status).toBe(400);
  });
});
