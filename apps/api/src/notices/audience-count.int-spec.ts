import { createTwoSchoolDistrict, InProcessApi, startInProcessApi, TwoSchoolDistrict, useIntegration, zoneWhereItIsNow } from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

/**
 * `POST /api/v1/notices/audience-count`: what a composer shows while the audience is chosen —
 * phones per language, the suppressed and the quiet-hours hold — over the caller's own families,
 * with the ids checked as a draft's are, and nothing written.
 */
describe('Counting an audience before a draft exists (HTTP, Postgres)', () => {
  const spec = useIntegration('audience-count', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let other: TwoSchoolDistrict;

  const count = (viewer: string, body: object, district = d) => api.as(district.viewer(viewer).token).post('/api/v1/notices/audience-count', body);

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755522' });
    other = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755523' });
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update tenants set quiet_hours_start = '00:00', quiet_hours_end = '00:00' where id = $1`, [d.fixture.tenantId]),
    );
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`insert into phones (tenant_id, phone, opted_out_at) values ($1, $2, now())`, [d.fixture.tenantId, d.phones.southVi]),
    );
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
  });

  spec.onTeardown(() => api?.close());

  it('counts the whole district per language with the opted-out aside, and a school-level caller its own families only', async () => {
    const district = await count('district admin', { audience: { all: true } });
    expect(district.status).toBe(200);
    expect(district.body).toEqual({
      recipients: { total: 4, byLanguage: { en: 2, es: 2 } },
      suppressed: { optedOut: 1, invalid: 0, noPhone: 0 },
      quietHours: { waiting: 0, waits: [], overridden: 0 },
    });
    const north = await count('north staff', { audience: { all: true } });
    expect(north.body.recipients).toEqual({ total: 3, byLanguage: { en: 2, es: 1 } });
    expect((await count('staff without schools', { audience: { all: true } })).body.recipients).toEqual({ total: 0, byLanguage: {} });
  });

  it('counts schools, grades and families, and writes no notice', async () => {
    const south = await count('district admin', { audience: { schoolIds: [d.schools.south] } });
    expect(south.body.recipients).toEqual({ total: 2, byLanguage: { en: 1, es: 1 } });
    expect(south.body.suppressed.optedOut).toBe(1);
    expect((await count('district admin', { audience: { grades: ['03'] } })).body.recipients.total).toBe(4);
    expect((await count('district admin', { audience: { grades: ['11'] } })).body.recipients.total).toBe(0);
    expect((await count('district admin', { audience: { contactIds: [d.contacts.northEs] } })).body.recipients).toEqual({ total: 1, byLanguage: { es: 1 } });
    const notices = await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`select count(*)::int as n from notices where tenant_id = $1`, [d.fixture.tenantId]),
    );
    expect(notices).toEqual([{ n: 0 }]);
  });

  it('answers another school’s school 404 and other schools’ or districts’ families as unknown ids (400), never a count', async () => {
    expect((await count('north staff', { audience: { schoolIds: [d.schools.south] } })).status).toBe(404);
    const southFamily = await count('north staff', { audience: { contactIds: [d.contacts.southEs] } });
    expect(southFamily.status).toBe(400);
    expect(southFamily.body.details).toEqual([{ field: 'audience.contactIds', message: 'unknown id in contactIds' }]);
    const otherDistrict = await count('district admin', { audience: { schoolIds: [other.schools.north] } });
    expect(otherDistrict.status).toBe(400);
    expect(otherDistrict.body.details).toEqual([{ field: 'audience.schoolIds', message: 'unknown id in schoolIds' }]);
  });

  it('refuses bad input with the problems listed', async () => {
    const missing = await count('district admin', {});
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((p: { field: string }) => p.field)).toContain('audience');
    expect((await count('district admin', { audience: {} })).body.details).toEqual([
      { field: 'audience', message: 'name at least one of all, schoolIds, grades, sectionIds, contactIds' },
    ]);
    expect((await count('district admin', { audience: { all: true }, urgency: 'whenever' })).status).toBe(400);
    expect((await count('district admin', { audience: { all: true }, scheduledAt: 'tomorrow' })).status).toBe(400);
    expect((await count('district admin', { audience: { schoolIds: ['not-a-uuid'] } })).status).toBe(400);
  });

  it('says how many families a normal notice makes wait and until when, and how many an emergency reaches inside quiet hours', async () => {
    const evening = zoneWhereItIsNow(21);
    await spec.db.txFor(other.fixture.tenantId, async (m) => {
      await m.query(`update tenants set quiet_hours_start = '08:00', quiet_hours_end = '21:00' where id = $1`, [other.fixture.tenantId]);
      await m.query(`update contacts set time_zone = $1 where tenant_id = $2`, [evening.zone, other.fixture.tenantId]);
    });
    const normal = (await count('district admin', { audience: { all: true } }, other)).body.quietHours;
    expect(normal).toEqual({ waiting: 5, waits: [{ until: expect.any(String), recipients: 5 }], overridden: 0 });
    expect(new Date(new Date(normal.waits[0].until).getTime() + evening.offsetHours * HOUR).toISOString().slice(11, 16)).toBe('08:00');
    expect((await count('north staff', { audience: { all: true } }, other)).body.quietHours.waiting).toBe(3);
    expect((await count('district admin', { audience: { all: true }, urgency: 'emergency' }, other)).body.quietHours).toEqual({
      waiting: 0,
      waits: [],
      overridden: 5,
    });
    // Scheduled for the morning, inside the window: nobody waits.
    const morning = new Date(new Date(normal.waits[0].until).getTime() + 2 * HOUR).toISOString();
    expect((await count('district admin', { audience: { all: true }, scheduledAt: morning }, other)).body.quietHours.waiting).toBe(0);
  });
});
