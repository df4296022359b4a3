import { FanOutNoticeUseCase, PrepareNoticeUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTenantFixture,
  createTwoSchoolDistrict,
  InProcessApi,
  startInProcessApi,
  storeInbound,
  TwoSchoolDistrict,
  useIntegration,
} from '@porchlight/testing';
import { NoticeTexts, rememberTranslation } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

const TITLE = 'School start time';
const OUTCOME = 'School starts at 8:30 from September.';
const NOTICE = 'You told us mornings were too early: from September school starts at 8:30.';
const NOTICE_ES = 'Nos dijeron que las mañanas eran muy temprano: desde septiembre las clases empiezan a las 8:30.';
const NOTICE_VI = 'Quý vị nói buổi sáng quá sớm: từ tháng Chín trường bắt đầu lúc 8:30.';

/**
 * "You said, we did", end to end in one process: a decided decision drafts a notice to the
 * families who gave input, the notice is translated, sent and delivered through the notices'
 * own steps, the decision becomes communicated and counts the families reached, and the public
 * page shows it in the family's language, with nothing personal on it.
 */
describe('Close the loop and the public decisions page (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('loop', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let slug: string;
  let decisionId: string;
  let noticeId: string;
  const as = (name: string) => api.as(d.viewer(name).token);
  const admin = () => as('district admin');
  const page = (path: string) => fetch(`${api.url}${path}`);

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: `+1617${String(Math.floor(Math.random() * 900) + 100)}8` });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
    [{ slug }] = await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`select slug from tenants where id = $1`, [d.fixture.tenantId]));
    const created = await admin().post('/api/v1/decisions', { title: TITLE, question: 'Should school start at 8:30?' });
    decisionId = created.body.id;
    for (const [phone, body] of [
      [d.phones.northEs, 'Preferimos más tarde'],
      [d.phones.southVi, 'Muộn hơn thì tốt hơn'],
    ]) {
      const messageId = await storeInbound(spec.db, d.fixture.tenantId, phone, body);
      expect((await admin().post(`/api/v1/decisions/${decisionId}/inputs`, { messageId })).status).toBe(201);
    }
    // A person translated the title into Spanish once: the translation memory has it.
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      rememberTranslation(m, d.fixture.tenantId, { sourceLanguage: 'en', sourceText: TITLE, language: 'es', body: 'Hora de entrada', approvedBy: null }),
    );
  }, 60_000);

  spec.onTeardown(() => api?.close());

  it('refuses to close the loop of a decision still gathering, of another school, of another district', async () => {
    const gathering = await admin().post(`/api/v1/decisions/${decisionId}/close-the-loop`, { body: NOTICE, sourceLanguage: 'en' });
    expect(gathering.status).toBe(409);
    expect((await admin().patch(`/api/v1/decisions/${decisionId}`, { status: 'decided', outcome: OUTCOME })).status).toBe(200);
    expect((await as('north school admin').post(`/api/v1/decisions/${decisionId}/close-the-loop`, { body: NOTICE, sourceLanguage: 'en' })).status).toBe(403);
    expect((await as('north staff').post(`/api/v1/decisions/${decisionId}/close-the-loop`, { body: NOTICE, sourceLanguage: 'en' })).status).toBe(403);
    const other = await createTenantFixture(spec.db);
    const theirs = await spec.db.txFor(other.tenantId, (m) =>
      m.query(`insert into decisions (tenant_id, title, question, language, status, outcome) values ($1, 'T', 'Q', 'en', 'decided', 'O') returning id`, [
        other.tenantId,
      ]),
    );
    expect((await admin().post(`/api/v1/decisions/${theirs[0].id}/close-the-loop`, { body: NOTICE, sourceLanguage: 'en' })).status).toBe(404);
    const bad = await admin().post(`/api/v1/decisions/${decisionId}/close-the-loop`, { sourceLanguage: 'en', audience: 'everyone' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.details.map((p: { field: string }) => p.field))].sort()).toEqual(['audience', 'body']);
  });

  it('drafts a notice to the families who gave input, through the usual notice creation', async () => {
    const res = await admin().post(`/api/v1/decisions/${decisionId}/close-the-loop`, { body: NOTICE, sourceLanguage: 'en' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', body: NOTICE, title: TITLE, audience: { contactIds: expect.any(Array) } });
    expect([...res.body.audience.contactIds].sort()).toEqual([d.contacts.northEs, d.contacts.southVi].sort());
    noticeId = res.body.id;
    const decision = await admin().get(`/api/v1/decisions/${decisionId}`);
    expect(decision.body).toMatchObject({ status: 'decided', loop: { noticeId, audience: 'respondents', noticeStatus: 'draft', families: 2, reached: 0 } });
    expect((await admin().post(`/api/v1/decisions/${decisionId}/close-the-loop`, { body: NOTICE, sourceLanguage: 'en' })).status).toBe(409);
    const preview = await admin().get(`/api/v1/notices/${noticeId}/preview`);
    expect(preview.body.recipients).toEqual({ total: 2, byLanguage: { es: 1, vi: 1 } });
  });

  it('becomes communicated once the notice is sent, and counts the families it reached', async () => {
    expect((await admin().put(`/api/v1/notices/${noticeId}/translations/es`, { body: NOTICE_ES })).status).toBe(200);
    expect((await admin().put(`/api/v1/notices/${noticeId}/translations/vi`, { body: NOTICE_VI })).status).toBe(200);
    expect((await admin().post(`/api/v1/notices/${noticeId}/send`)).status).toBe(202);
    expect((await admin().get(`/api/v1/decisions/${decisionId}`)).body.status).toBe('decided');
    await TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, async () => {
      expect(await new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db)).execute(noticeId)).toBe('ready');
      expect(await new FanOutNoticeUseCase(spec.db, spec.jobs).execute(noticeId)).toMatchObject({ written: 2 });
    });
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update messages set status = 'delivered' where notice_id = $1 and phone = $2`, [noticeId, d.phones.northEs]),
    );
    const decision = await admin().get(`/api/v1/decisions/${decisionId}`);
    expect(decision.body).toMatchObject({ status: 'communicated', loop: { noticeId, families: 2, reached: 1 } });
    const [notice] = await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`select fanned_out_at from notices where id = $1`, [noticeId]));
    expect(decision.body.communicatedAt).toBe(notice.fanned_out_at.toISOString());
    const audit = await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`select action from audit_log where subject_id = $1 order by id`, [decisionId]));
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['decision.created', 'decision.input_added', 'decision.updated', 'decision.loop_drafted', 'decision.communicated']),
    );
    expect((await admin().get('/api/v1/decisions?status=communicated')).body.items.map((i: { id: string }) => i.id)).toEqual([decisionId]);
    expect((await admin().post(`/api/v1/decisions/${decisionId}/close-the-loop`, { body: NOTICE, sourceLanguage: 'en' })).status).toBe(409);
  });

  it("shows the communicated decision on the district's public page in the family's language, nothing personal", async () => {
    await admin().post('/api/v1/decisions', { title: 'Still deciding', question: 'Later?' });
    const res = await page(`/p/${slug}/decisions?lang=es`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="es" dir="ltr">/);
    expect(html).toContain('<h1>Ustedes dijeron, nosotros actuamos</h1>');
    expect(html).toContain('<h2>Hora de entrada</h2>');
    expect(html).toContain(`<p>${NOTICE_ES}</p>`);
    // The outcome has no Spanish translation and the district no engine: shown as written, marked.
    expect(html).toContain(`<p lang="en" dir="ltr">${OUTCOME}</p>`);
    expect(html).toContain('Aún sin traducir');
    expect(html).not.toContain('Still deciding');
    expect(html).not.toMatch(/<script|style=/);
    for (const personal of [...Object.values(d.phones), 'Benita', 'Cuong', 'Preferimos']) expect(html).not.toContain(personal);
    expect(html).toContain(`href="/p/${slug}/decisions?lang=vi"`);

    const vi = await (await page(`/p/${slug}/decisions?lang=vi`)).text();
    expect(vi).toMatch(/<html lang="vi"/);
    expect(vi).toContain(`<p>${NOTICE_VI}</p>`);
    expect(vi).toContain(`<h2 lang="en" dir="ltr">${TITLE}</h2>`);
    // A language the district does not speak: its default.
    expect(await (await page(`/p/${slug}/decisions?lang=de`)).text()).toMatch(/<html lang="en"[\s\S]*<h2>School start time<\/h2>/);
  });

  it('answers an unknown district with a 404 page, and serves its stylesheet', async () => {
    const missing = await page('/p/no-such-district/decisions');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await missing.text()).toContain('<h1>Not found</h1>');
    expect((await page('/p/..%2F..%2Fetc/decisions')).status).toBe(404);
    const css = await page('/p/decisions.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
