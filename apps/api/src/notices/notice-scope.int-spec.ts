import { FanOutNoticeUseCase, PrepareNoticeUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  FAMILIES_SEEN,
  InProcessApi,
  startInProcessApi,
  storeInbound,
  TwoSchoolDistrict,
  Viewer,
  VIEWER_NAMES,
  useIntegration,
} from '@porchlight/testing';
import { NoticeTexts } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

// Its setup sends and dispatches notices through the API: generous on a busy machine.
jest.setTimeout(60_000);

type Family = 'northEn' | 'northEs' | 'southVi' | 'southEs' | 'both';
const LANGUAGE: Record<Family, string> = { northEn: 'en', northEs: 'es', southVi: 'vi', southEs: 'es', both: 'en' };
/** Families whose message of the two-school notice is marked delivered: all of North's, so South's queued rows alone keep it sending. */
const DELIVERED: Family[] = ['northEn', 'northEs', 'both'];

/**
 * School scope on notices, through the API in-process (Postgres as the application role, RLS on),
 * with the translation and dispatch steps run in-process: which notices each role opens, and
 * which message rows, replies and counts it sees of a notice sent to two schools.
 */
describe('Notice school scope: what each role opens and counts (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('notice-scope', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  const ids: { spanning?: string; southOnly?: string } = {};

  const as = (viewer: Viewer | string) => api.as((typeof viewer === 'string' ? d.viewer(viewer) : viewer).token);
  const admin = () => as('district admin');
  const phonesOf = (families: Family[]) => families.map((f) => d.phones[f]).sort();
  /** Runs what the translation and dispatcher apps would: languages, then one message row per phone. */
  const dispatch = (noticeId: string) =>
    TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, async () => ({
      prepared: await new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db)).execute(noticeId),
      fanOut: await new FanOutNoticeUseCase(spec.db, spec.jobs).execute(noticeId),
    }));
  const draft = async (viewer: string, audience: object, translations: Record<string, string> = {}) => {
    const created = await as(viewer).post('/api/v1/notices', { body: 'Picture day is Monday.', sourceLanguage: 'en', urgency: 'urgent', audience });
    expect(created.status).toBe(201);
    for (const [language, body] of Object.entries(translations)) {
      expect((await as(viewer).put(`/api/v1/notices/${created.body.id}/translations/${language}`, { body })).status).toBe(200);
    }
    return created.body.id as string;
  };

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755504' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });

    ids.spanning = await draft(
      'district admin',
      { schoolIds: [d.schools.north, d.schools.south] },
      { es: 'El día de fotos es el lunes.', vi: 'Ngày chụp ảnh là thứ Hai.' },
    );
    expect((await admin().post(`/api/v1/notices/${ids.spanning}/send`)).status).toBe(202);
    expect(await dispatch(ids.spanning)).toMatchObject({ prepared: 'ready', fanOut: { written: 5 } });
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update messages set status = 'delivered' where notice_id = $1 and phone = any($2::text[])`, [ids.spanning, phonesOf(DELIVERED)]),
    );
    for (const family of Object.keys(d.phones) as Family[]) await storeInbound(spec.db, d.fixture.tenantId, d.phones[family], `Thanks from ${family}`);

    ids.southOnly = await draft('district admin', { contactIds: [d.contacts.southVi] }, { vi: 'Ngày chụp ảnh là thứ Hai.' });
    expect((await admin().post(`/api/v1/notices/${ids.southOnly}/send`)).status).toBe(202);
    expect(await dispatch(ids.southOnly)).toMatchObject({ prepared: 'ready', fanOut: { written: 1 } });
  });

  spec.onTeardown(() => api?.close());

  describe.each(VIEWER_NAMES)('%s, on a notice sent to both schools', (name) => {
    let viewer: Viewer;
    let seen: Family[];
    let hidden: string[];
    beforeAll(() => {
      viewer = d.viewer(name);
      seen = FAMILIES_SEEN[viewer.sees];
      hidden = (Object.keys(d.phones) as Family[]).filter((f) => !seen.includes(f)).map((f) => d.phones[f]);
    });
    const byLanguage = (families: Family[]) =>
      families.reduce<Record<string, number>>((acc, f) => ({ ...acc, [LANGUAGE[f]]: (acc[LANGUAGE[f]] ?? 0) + 1 }), {});

    it('opens it only when it reached one of its families (404 otherwise), with counts of its families alone', async () => {
      const notice = await as(viewer).get(`/api/v1/notices/${ids.spanning}`);
      if (viewer.sees === 'none') {
        expect(notice.status).toBe(404);
        return;
      }
      expect(notice.status).toBe(200);
      // Whether the notice is done is not family data: South's queued rows keep it sending for everyone.
      expect(notice.body.status).toBe('sending');
      const delivered = seen.filter((f) => DELIVERED.includes(f)).length;
      expect(notice.body.stats).toEqual({
        total: seen.length,
        pending: 0,
        queued: seen.length - delivered,
        sending: 0,
        sent: 0,
        delivered,
        undelivered: 0,
        failed: 0,
        canceled: 0,
        suppressed: 0,
        byLanguage: byLanguage(seen),
      });
    });

    it('lists only its families’ message rows and replies, and counts only them in the preview', async () => {
      const messages = await as(viewer).get(`/api/v1/notices/${ids.spanning}/messages`);
      const replies = await as(viewer).get(`/api/v1/notices/${ids.spanning}/replies`);
      const preview = await as(viewer).get(`/api/v1/notices/${ids.spanning}/preview`);
      const delivered = await as(viewer).get(`/api/v1/notices/${ids.spanning}/messages?status=delivered`);
      if (viewer.sees === 'none') {
        expect([messages.status, replies.status, preview.status, delivered.status]).toEqual([404, 404, 404, 404]);
        return;
      }
      expect(messages.body.items.map((m: any) => m.phone)).toEqual(phonesOf(seen));
      expect(delivered.body.items.map((m: any) => m.phone)).toEqual(phonesOf(seen.filter((f) => DELIVERED.includes(f))));
      expect(replies.body.items.map((r: any) => r.phone).sort()).toEqual(phonesOf(seen));
      expect(replies.body.items.map((r: any) => r.body).sort()).toEqual(seen.map((f) => `Thanks from ${f}`).sort());
      expect(preview.body.recipients).toEqual({ total: seen.length, byLanguage: byLanguage(seen) });
      const everything = JSON.stringify([messages.body, replies.body, preview.body, delivered.body]);
      for (const phone of hidden) expect(everything).not.toContain(phone);
    });

    it("opens a notice sent only to another school's family as 404", async () => {
      const reaches = viewer.sees === 'district' || viewer.sees === 'south';
      for (const path of ['', '/messages', '/replies', '/preview']) {
        const got = await as(viewer).get(`/api/v1/notices/${ids.southOnly}${path}`);
        expect([path, got.status]).toEqual([path, reaches ? 200 : 404]);
      }
      if (reaches) expect((await as(viewer).get(`/api/v1/notices/${ids.southOnly}`)).body.stats.total).toBe(1);
    });
  });

  it("lets a colleague of the author open a draft that reaches their families; the audience stays the author's", async () => {
    const id = await draft('north staff', { all: true });
    const status = async (viewer: Viewer) => (await as(viewer).get(`/api/v1/notices/${id}`)).status;
    for (const viewer of d.viewers)
      expect([viewer.name, await status(viewer)]).toEqual([viewer.name, viewer.sees === 'north' || viewer.sees === 'district' ? 200 : 404]);
    // "All" from a North staff member is all of North: the district admin's preview counts North's families too.
    for (const viewer of ['district admin', 'north liaison']) {
      expect((await as(viewer).get(`/api/v1/notices/${id}/preview`)).body.recipients).toEqual({ total: 3, byLanguage: { en: 2, es: 1 } });
    }
    expect((await as('north liaison').put(`/api/v1/notices/${id}/translations/es`, { body: 'El día de fotos es el lunes.' })).status).toBe(200);
    expect((await as('south staff').put(`/api/v1/notices/${id}/translations/es`, { body: 'x' })).status).toBe(404);
    // Approving is a liaison's or a district admin's: other roles get 403 before any notice is read
    // (which says nothing about the notice); a liaison who cannot open the notice gets 404.
    expect((await as('north staff').post(`/api/v1/notices/${id}/translations/es/approve`)).status).toBe(403);
    expect((await as('south staff').post(`/api/v1/notices/${id}/translations/es/approve`)).status).toBe(403);
    expect((await as('liaison without schools').post(`/api/v1/notices/${id}/translations/es/approve`)).status).toBe(404);
    expect((await as('north staff').post(`/api/v1/notices/${id}/send`)).status).toBe(202);
    // Only North's languages are needed (no Vietnamese), and only North's phones get a row.
    expect(await dispatch(id)).toMatchObject({ prepared: 'ready', fanOut: { written: 3 } });
    const rows = await admin().get(`/api/v1/notices/${id}/messages`);
    expect(rows.body.items.map((m: any) => m.phone)).toEqual(phonesOf(['northEn', 'northEs', 'both']));
  });

  it('refuses a school-level user sending a notice that reaches beyond its schools (403), and lets it send one within them', async () => {
    const district = await draft('district admin', { all: true }, { es: 'Hola.', vi: 'Xin chào.' });
    expect((await as('north staff').get(`/api/v1/notices/${district}`)).status).toBe(200);
    expect((await as('north staff').post(`/api/v1/notices/${district}/send`)).status).toBe(403);
    expect((await as('south staff').post(`/api/v1/notices/${district}/send`)).status).toBe(403);
    expect((await as('staff without schools').post(`/api/v1/notices/${district}/send`)).status).toBe(404);
    expect((await admin().get(`/api/v1/notices/${district}`)).body.status).toBe('draft');

    const north = await draft('district admin', { contactIds: [d.contacts.northEs] }, { es: 'Hola.' });
    expect((await as('north liaison').post(`/api/v1/notices/${north}/send`)).status).toBe(202);
  });

  it('lets a user without schools write a notice that reaches nobody, and name no family or school', async () => {
    const nobody = d.viewer('staff without schools');
    const id = await draft(nobody.name, { all: true });
    expect((await as(nobody).get(`/api/v1/notices/${id}/preview`)).body.recipients).toEqual({ total: 0, byLanguage: {} });
    // The author's own notice: the district admin sees the same empty audience.
    expect((await admin().get(`/api/v1/notices/${id}/preview`)).body.recipients).toEqual({ total: 0, byLanguage: {} });
    expect((await as(nobody).post(`/api/v1/notices/${id}/send`)).status).toBe(202);
    expect(await dispatch(id)).toMatchObject({ prepared: 'ready', fanOut: { written: 0 } });

    const school = await as(nobody).post('/api/v1/notices', { body: 'x', sourceLanguage: 'en', urgency: 'normal', audience: { schoolIds: [d.schools.north] } });
    expect(school.status).toBe(404);
    const family = await as(nobody).post('/api/v1/notices', {
      body: 'x',
      sourceLanguage: 'en',
      urgency: 'normal',
      audience: { contactIds: [d.contacts.northEn] },
    });
    expect(family.status).toBe(400);
    expect(family.body.details).toEqual([{ field: 'audience.contactIds', message: 'unknown id in contactIds' }]);
    const other = await as('north staff').post('/api/v1/notices', {
      body: 'x',
      sourceLanguage: 'en',
      urgency: 'normal',
      audience: { contactIds: [d.contacts.southVi] },
    });
    expect(other.status).toBe(400);
  });
});
