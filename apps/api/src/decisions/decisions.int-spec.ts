import {
  createTenantFixture,
  createTwoSchoolDistrict,
  InProcessApi,
  randomHex,
  startInProcessApi,
  storeInbound,
  TwoSchoolDistrict,
  useIntegration,
} from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

/**
 * The decision log through the API (Postgres as the application role, RLS on): who records and
 * changes decisions, who sees which, the inputs each may attach and what they show, the audit.
 */
describe('Decision log (HTTP, Postgres)', () => {
  const spec = useIntegration('decisions', { poolSize: 3, tenant: false, redis: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  const replies: { northEs?: string; southVi?: string; outbound?: string; otherTenant?: string } = {};
  const ids: { district?: string; north?: string; otherTenant?: string } = {};
  const as = (name: string) => api.as(d.viewer(name).token);
  const admin = () => as('district admin');
  const actions = async (subjectId: string) =>
    (await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`select action, actor_user_id, data from audit_log where subject_id = $1 order by id`, [subjectId]),
    )) as {
      action: string;
      actor_user_id: string | null;
      data: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: `+1617${String(Math.floor(Math.random() * 900) + 100)}7` });
    api = await startInProcessApi(createApiApp, { prefix: `spec-decisions-${randomHex(4)}` });
    replies.northEs = await storeInbound(spec.db, d.fixture.tenantId, d.phones.northEs, 'Preferimos que empiece más tarde');
    replies.southVi = await storeInbound(spec.db, d.fixture.tenantId, d.phones.southVi, 'Sáng sớm quá khó cho chúng tôi');
    await spec.db.txFor(d.fixture.tenantId, async (m) => {
      await m.query(`update messages set language = 'es', translated_body = 'We would rather it started later', translated_language = 'en' where id = $1`, [
        replies.northEs,
      ]);
      await m.query(`update messages set language = 'vi' where id = $1`, [replies.southVi]);
      const [out] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', 'reply', $2, 'Hi', 'delivered') returning id`,
        [d.fixture.tenantId, d.phones.northEn],
      );
      replies.outbound = out.id;
    });
    const other = await createTenantFixture(spec.db);
    replies.otherTenant = await storeInbound(spec.db, other.tenantId, d.phones.northEs, 'Another district');
    ids.otherTenant = await spec.db.txFor(other.tenantId, async (m) => {
      const [row] = await m.query(`insert into decisions (tenant_id, title, question, language) values ($1, 'Theirs', 'Theirs?', 'en') returning id`, [
        other.tenantId,
      ]);
      return row.id as string;
    });
  }, 60_000);

  spec.onTeardown(() => api?.close());

  it('records a district-wide decision, gathering, audited', async () => {
    const res = await admin().post('/api/v1/decisions', { title: 'School start time', question: 'Should school start at 8:30?' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'School start time',
      language: 'en',
      schoolIds: [],
      status: 'gathering',
      outcome: null,
      decidedAt: null,
      loop: null,
    });
    ids.district = res.body.id;
    expect(await actions(ids.district!)).toEqual([expect.objectContaining({ action: 'decision.created', actor_user_id: d.fixture.adminId })]);
  });

  it('refuses bad decisions with field-level 400s', async () => {
    const cases: [object, string][] = [
      [{ question: 'No title?' }, 'title'],
      [{ title: 'T', question: 'Q', status: 'decided' }, 'outcome'],
      [{ title: 'T', question: 'Q', status: 'finished' }, 'status'],
      [{ title: 'T', question: 'Q', schoolIds: ['not-a-uuid'] }, 'schoolIds'],
      [{ title: 'T', question: 'Q', schoolIds: ['00000000-0000-4000-8000-000000000000'] }, 'schoolIds'],
      [{ title: 'T', question: 'Q', decidedAt: 'tomorrow' }, 'decidedAt'],
    ];
    for (const [body, field] of cases) {
      const res = await admin().post('/api/v1/decisions', body);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('lets a school admin record decisions about their own schools only; staff and liaisons read', async () => {
    expect((await as('north staff').post('/api/v1/decisions', { title: 'T', question: 'Q', schoolIds: [d.schools.north] })).status).toBe(403);
    expect((await as('north liaison').post('/api/v1/decisions', { title: 'T', question: 'Q' })).status).toBe(403);
    const districtWide = await as('north school admin').post('/api/v1/decisions', { title: 'T', question: 'Q' });
    expect(districtWide.status).toBe(400);
    expect(districtWide.body.details).toEqual([expect.objectContaining({ field: 'schoolIds' })]);
    expect((await as('north school admin').post('/api/v1/decisions', { title: 'T', question: 'Q', schoolIds: [d.schools.south] })).status).toBe(404);
    const own = await as('north school admin').post('/api/v1/decisions', {
      title: 'North lunch menu',
      question: 'Halal options?',
      schoolIds: [d.schools.north],
    });
    expect(own.status).toBe(201);
    ids.north = own.body.id;
  });

  it("shows each role district-wide decisions and its schools' ones; others are 404, as are another district's", async () => {
    const listed = async (name: string) => ((await as(name).get('/api/v1/decisions')).body.items as { id: string }[]).map((i) => i.id).sort();
    expect(await listed('district admin')).toEqual([ids.district, ids.north].sort());
    expect(await listed('north staff')).toEqual([ids.district, ids.north].sort());
    expect(await listed('south staff')).toEqual([ids.district]);
    expect((await as('south staff').get(`/api/v1/decisions/${ids.north}`)).status).toBe(404);
    expect((await as('south staff').get(`/api/v1/decisions/${ids.district}`)).status).toBe(200);
    expect((await admin().get(`/api/v1/decisions/${ids.otherTenant}`)).status).toBe(404);
    expect((await admin().patch(`/api/v1/decisions/${ids.otherTenant}`, { title: 'Mine now' })).status).toBe(404);
    expect((await admin().post(`/api/v1/decisions/${ids.otherTenant}/inputs`, { note: 'x', source: 'y' })).status).toBe(404);
    expect((await admin().get('/api/v1/decisions?status=communicated')).body.items).toEqual([]);
  });

  it("lets a school admin change their schools' decisions, not the district's (403) nor another school's (404)", async () => {
    expect((await as('north school admin').patch(`/api/v1/decisions/${ids.district}`, { title: 'Mine' })).status).toBe(403);
    expect((await as('north staff').patch(`/api/v1/decisions/${ids.north}`, { title: 'Mine' })).status).toBe(403);
    const moved = await as('north school admin').patch(`/api/v1/decisions/${ids.north}`, { schoolIds: [d.schools.north, d.schools.south] });
    expect(moved.status).toBe(404);
    const renamed = await as('north school admin').patch(`/api/v1/decisions/${ids.north}`, { title: 'North lunch' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('North lunch');
  });

  it('attaches quoted replies with their participation and words, and notes; refuses what is not family input', async () => {
    const quoted = await admin().post(`/api/v1/decisions/${ids.district}/inputs`, { messageId: replies.northEs });
    expect(quoted.status).toBe(201);
    expect(quoted.body).toMatchObject({
      kind: 'message',
      messageId: replies.northEs,
      participation: {
        asked: 1,
        answered: 1,
        byLanguage: [{ language: 'es', asked: 1, answered: 1 }],
        bySchool: [{ schoolId: d.schools.north, asked: 1, answered: 1 }],
      },
      said: [{ body: 'Preferimos que empiece más tarde', language: 'es', translatedBody: 'We would rather it started later', translatedLanguage: 'en' }],
    });
    expect((await admin().post(`/api/v1/decisions/${ids.district}/inputs`, { messageId: replies.southVi })).status).toBe(201);
    expect((await admin().post(`/api/v1/decisions/${ids.district}/inputs`, { messageId: replies.northEs })).status).toBe(409);
    const outbound = await admin().post(`/api/v1/decisions/${ids.district}/inputs`, { messageId: replies.outbound });
    expect(outbound.status).toBe(400);
    expect(outbound.body.details).toEqual([expect.objectContaining({ field: 'messageId' })]);
    expect((await admin().post(`/api/v1/decisions/${ids.district}/inputs`, { messageId: replies.otherTenant })).status).toBe(404);
    // A school admin quotes only their own families.
    expect((await as('north school admin').post(`/api/v1/decisions/${ids.north}/inputs`, { messageId: replies.southVi })).status).toBe(404);

    const note = await admin().post(`/api/v1/decisions/${ids.district}/inputs`, { note: 'Most parents at the meeting wanted 8:30.', source: 'PTA meeting' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: 'note', note: 'Most parents at the meeting wanted 8:30.', source: 'PTA meeting', participation: null, said: [] });

    const bad: [object, string][] = [
      [{ note: 'no source' }, 'source'],
      [{}, 'note'],
      [{ note: 'x', source: 'y', messageId: replies.northEs }, 'messageId'],
      [{ surveyId: 'not-a-survey-id' }, 'surveyId'],
    ];
    for (const [body, field] of bad) {
      const res = await admin().post(`/api/v1/decisions/${ids.district}/inputs`, body);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    // A survey this district does not have is as unknown as another district's.
    expect((await admin().post(`/api/v1/decisions/${ids.district}/inputs`, { surveyId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await actions(ids.district!)).filter((a) => a.action === 'decision.input_added')).toHaveLength(3);
  });

  it('shows each reader the replies of their own families and every note', async () => {
    const kinds = async (name: string) =>
      ((await as(name).get(`/api/v1/decisions/${ids.district}`)).body.inputs as { kind: string; messageId: string | null }[]).map((i) => i.messageId ?? i.kind);
    expect(await kinds('district admin')).toEqual([replies.northEs, replies.southVi, 'note']);
    expect(await kinds('south staff')).toEqual([replies.southVi, 'note']);
    expect(await kinds('north liaison')).toEqual([replies.northEs, 'note']);
  });

  it('records the outcome: decidedAt set, the change audited before and after', async () => {
    const res = await admin().patch(`/api/v1/decisions/${ids.district}`, {
      status: 'decided',
      outcome: 'School starts at 8:30 from September.',
      rationale: 'Families asked for it.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'decided', outcome: 'School starts at 8:30 from September.' });
    // Decided when it was marked so: after it was recorded.
    expect(Date.parse(res.body.decidedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
    expect(res.body.inputs).toHaveLength(3);
    const updated = (await actions(ids.district!)).find((a) => a.action === 'decision.updated');
    expect(updated?.data).toMatchObject({
      changed: ['status', 'outcome', 'rationale', 'decidedAt'],
      before: { status: 'gathering', outcome: null },
      after: { status: 'decided', outcome: 'School starts at 8:30 from September.' },
    });
    const cleared = await admin().patch(`/api/v1/decisions/${ids.district}`, { outcome: null });
    expect(cleared.status).toBe(400);
    expect(cleared.body.details).toEqual([expect.objectContaining({ field: 'outcome' })]);
  });
});
