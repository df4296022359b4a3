import { AccessTokens } from '@porchlight/identity';
import { SurveyConversation } from '@porchlight/engagement';
import { ProcessInboundUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import {
  addFamilies,
  addStaffUser,
  createTenantFixture,
  InProcessApi,
  startInProcessApi,
  storeInbound,
  TEST_SECRETS_KEY,
  useIntegration,
} from '@porchlight/testing';
import { createApiApp } from '../bootstrap';
import { buildReachDistrict, ReachDistrict } from './reach-fixture';

const DAY = 86_400_000;
const mondayUtc = (at: Date) => {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
};

/**
 * The reach report through the API (Postgres as the application role, RLS on), on a district
 * whose every figure is counted by hand in reach-fixture.ts. Replies, HELP and STOP from this
 * week's families go through the real inbound classification, so what counts as voice is what
 * the delivery app decided.
 */
describe('GET /api/v1/reports/reach (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('reach', { poolSize: 3 });
  let api: InProcessApi;
  let d: ReachDistrict;
  const tokens = new AccessTokens(TEST_SECRETS_KEY, 3600);
  const origin = mondayUtc(new Date(Date.now() - 7 * DAY));
  const window = `from=${origin.toISOString()}&to=${new Date(origin.getTime() + 14 * DAY).toISOString()}`;
  let adminToken: string;

  const report = (query: string, token = adminToken) => api.as(token).get(`/api/v1/reports/reach?${window}&${query}`);

  beforeAll(async () => {
    const phonePrefix = `+1617${String(Math.floor(Math.random() * 900) + 100)}5`;
    d = await buildReachDistrict(spec.db, spec.fixture.tenantId, phonePrefix, new Date(origin.getTime() + DAY));
    const process = new ProcessInboundUseCase(spec.db, spec.jobs, new SurveyConversation());
    for (const [p, body] of [
      [d.phones.p1, "Thank you, we'll be there"],
      [d.phones.p2, 'HELP'],
      [d.phones.p3, 'STOP'],
      [d.phones.p5, 'ok see you then'],
    ]) {
      const id = await storeInbound(spec.db, spec.fixture.tenantId, p, body);
      await TenantContext.run({ tenantId: spec.fixture.tenantId, correlationId: 'spec' }, () => process.execute(id));
    }
    // Another district, on the same phone as P1, reached and heard: none of it may show.
    const other = await createTenantFixture(spec.db);
    await addFamilies(spec.db, other.tenantId, [
      { phone: d.phones.p1, language: 'en' },
      { phone: null, language: 'so' },
    ]);
    await spec.db.txFor(other.tenantId, (m) =>
      m.query(`insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', 'reply', $2, 'Hi', 'delivered')`, [
        other.tenantId,
        d.phones.p1,
      ]),
    );
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
    adminToken = await tokens.issue({ userId: spec.fixture.adminId, tenantId: spec.fixture.tenantId });
  }, 60_000);

  spec.onTeardown(() => api?.close());

  it('counts the district: siblings and shared phones once per student, STOP and HELP not voice, a failed message not reach', async () => {
    const res = await report('by=language');
    expect(res.status).toBe(200);
    // Students 8 + 42; reached s1-s4 and the 42; heard s1, s2 (P1 replied) and 2 + 0 + 16.
    expect(res.body.district).toMatchObject({
      students: 50,
      studentsReached: 46,
      studentsHeard: 20,
      replied: 20,
      answered: 0,
      optedOut: 1,
      noReachablePhone: 2,
    });
    expect(res.body.district.reachedRate).toBeCloseTo(46 / 50, 10);
    expect(res.body.district.heardRate).toBeCloseTo(20 / 46, 10);
    expect(res.body.scope).toBe('district');
    // Last week the 42 families were reached and 18 heard; this week s1-s4, and s1 and s2 heard.
    expect(res.body.district.weeks).toEqual([
      { weekStart: origin.toISOString(), studentsReached: 42, studentsHeard: 18, reachedRate: 42 / 50, heardRate: 18 / 42 },
      { weekStart: new Date(origin.getTime() + 7 * DAY).toISOString(), studentsReached: 4, studentsHeard: 2, reachedRate: 4 / 50, heardRate: 0.5 },
    ]);
  });

  it('flags the big silent group and not the tiny one (95% Wilson interval against 0.8 × the district)', async () => {
    const res = await report('by=language');
    const byGroup = Object.fromEntries(res.body.groups.map((g: { group: string | null }) => [String(g.group), g]));
    expect(Object.keys(byGroup).sort()).toEqual(['ar', 'en', 'es', 'null', 'so', 'vi']);
    // The bar: 0.8 × 20/46 = 0.348. Somali 2/20: interval [0.028, 0.301], wholly below it.
    expect(byGroup.so).toMatchObject({ students: 20, studentsReached: 20, studentsHeard: 2, underHeard: true });
    expect(byGroup.so.interval[0]).toBeCloseTo(0.0279, 3);
    expect(byGroup.so.interval[1]).toBeCloseTo(0.301, 3);
    // Vietnamese 0/2: [0, 0.658] reaches above the bar — too few families to call.
    expect(byGroup.vi).toMatchObject({ students: 2, studentsReached: 2, studentsHeard: 0, heardRate: 0, underHeard: false });
    expect(byGroup.vi.interval[1]).toBeCloseTo(0.6576, 3);
    expect(byGroup.ar).toMatchObject({ students: 20, studentsReached: 20, studentsHeard: 16, underHeard: false });
    // English: s1, s2, s3, s4, s5, s7, s8; Spanish: s3 through Carla, who shares Bob's phone.
    expect(byGroup.en).toMatchObject({ students: 7, studentsReached: 4, studentsHeard: 2, replied: 2, optedOut: 1, noReachablePhone: 1, underHeard: false });
    expect(byGroup.es).toMatchObject({ students: 1, studentsReached: 1, studentsHeard: 0, underHeard: false });
    // s6 has no family member on file, so no language.
    expect(byGroup.null).toMatchObject({ students: 1, studentsReached: 0, heardRate: null, noReachablePhone: 1, interval: [0, 1], underHeard: false });
  });

  it('breaks down by school, grade and role with the same students', async () => {
    const bySchool = await report('by=school');
    expect(bySchool.status).toBe(200);
    const school = (id: string) => bySchool.body.groups.find((g: { group: string }) => g.group === id);
    expect(school(d.schools.a)).toMatchObject({
      label: 'North Elementary',
      students: 5,
      studentsReached: 3,
      studentsHeard: 1,
      optedOut: 1,
      noReachablePhone: 1,
    });
    expect(school(d.schools.b)).toMatchObject({
      label: 'South Middle',
      students: 45,
      studentsReached: 43,
      studentsHeard: 19,
      optedOut: 0,
      noReachablePhone: 1,
    });
    expect(bySchool.body.district).toMatchObject({ students: 50, studentsReached: 46, studentsHeard: 20 });

    const byGrade = await report('by=grade');
    const grades = Object.fromEntries(
      byGrade.body.groups.map((g: { group: string; students: number; studentsReached: number }) => [g.group, [g.students, g.studentsReached]]),
    );
    expect(grades).toEqual({ '01': [5, 3], '02': [3, 1], '03': [42, 42] });

    const byRole = await report('by=role');
    const roles = Object.fromEntries(byRole.body.groups.map((g: { group: string | null; students: number }) => [String(g.group), g.students]));
    // Carla is s3's guardian, Bob its parent: s3 counts in both; s6 has no family member.
    expect(roles).toEqual({ parent: 49, guardian: 1, null: 1 });

    // The district's figures, weeks included, do not depend on the breakdown: by school and grade
    // they are the groups' counts added up, by language and role a pass over students.
    const byLanguage = await report('by=language');
    expect(byLanguage.body.district.optedOut).toBe(1);
    for (const other of [bySchool, byGrade, byRole]) expect(other.body.district).toEqual(byLanguage.body.district);
  });

  it("gives school-level staff their schools' students only", async () => {
    const northAdmin = await addStaffUser(spec.db, spec.fixture.tenantId, { role: 'school_admin', schoolIds: [d.schools.a] });
    const res = await report('by=school', await tokens.issue({ userId: northAdmin, tenantId: spec.fixture.tenantId }));
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('schools');
    expect(res.body.groups.map((g: { group: string }) => g.group)).toEqual([d.schools.a]);
    expect(res.body.district).toMatchObject({ students: 5, studentsReached: 3, studentsHeard: 1 });

    const nobody = await addStaffUser(spec.db, spec.fixture.tenantId, { role: 'staff', schoolIds: [] });
    const none = await report('by=language', await tokens.issue({ userId: nobody, tenantId: spec.fixture.tenantId }));
    expect(none.status).toBe(200);
    expect(none.body.groups).toEqual([]);
    expect(none.body.district).toMatchObject({ students: 0, studentsReached: 0, reachedRate: null, heardRate: null });
  });

  it('defaults to the last 90 days by language', async () => {
    const res = await api.as(adminToken).get('/api/v1/reports/reach');
    expect(res.status).toBe(200);
    expect(res.body.by).toBe('language');
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(90 * DAY);
    // The 200-day-old reply of s7 stays outside; everything this and last week is inside.
    expect(res.body.district).toMatchObject({ students: 50, studentsReached: 46, studentsHeard: 20 });
    // 13 or 14 weeks (past the first eight, kept in a second byte): last week's 42 and 18, this week's 4 and 2, nothing before.
    const weeks: { weekStart: string; studentsReached: number; studentsHeard: number }[] = res.body.district.weeks;
    expect(weeks.length).toBeGreaterThanOrEqual(13);
    expect(weeks.slice(-2).map((w) => [w.weekStart, w.studentsReached, w.studentsHeard])).toEqual([
      [origin.toISOString(), 42, 18],
      [new Date(origin.getTime() + 7 * DAY).toISOString(), 4, 2],
    ]);
    expect(weeks.slice(0, -2).every((w) => w.studentsReached === 0 && w.studentsHeard === 0)).toBe(true);
  });

  it('refuses bad windows and groupings with field-level 400s, and callers without a token with 401', async () => {
    const cases: [string, string][] = [
      ['by=phone', 'by'],
      ['from=yesterday', 'from'],
      ['from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z', 'from'],
      ['from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from'],
    ];
    for (const [query, field] of cases) {
      const res = await api.as(adminToken).get(`/api/v1/reports/reach?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect((await api.as('').get('/api/v1/reports/reach')).status).toBe(401);
  });
});
