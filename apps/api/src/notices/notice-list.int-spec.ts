import { FanOutNoticeUseCase, PrepareNoticeUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import { createTwoSchoolDistrict, InProcessApi, startInProcessApi, TwoSchoolDistrict, Viewer, useIntegration } from '@porchlight/testing';
import { NoticeTexts } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

// The setup drives the API and the dispatch steps for several districts: generous on a busy machine.
jest.setTimeout(60_000);
/**
 * `GET /api/v1/notices`: the caller's visible notices, newest first, paged, filtered by the status
 * the API shows; school scope as `GET /notices/:id` applies it; another district sees none.
 */
describe('Notice list (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('notice-list', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let other: TwoSchoolDistrict;
  const ids: Record<string, string> = {};

  const as = (viewer: Viewer | string, district = d) => api.as((typeof viewer === 'string' ? district.viewer(viewer) : viewer).token);
  const dispatch = (noticeId: string) =>
    TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, async () => {
      await new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db)).execute(noticeId);
      await new FanOutNoticeUseCase(spec.db, spec.jobs).execute(noticeId);
    });
  const draft = async (viewer: string, audience: object, title: string) => {
    const created = await as(viewer).post('/api/v1/notices', { title, body: 'Picture day is Monday.', sourceLanguage: 'en', urgency: 'urgent', audience });
    expect(created.status).toBe(201);
    for (const [language, body] of Object.entries({ es: 'El día de fotos es el lunes.', vi: 'Ngày chụp ảnh là thứ Hai.' })) {
      expect((await as(viewer).put(`/api/v1/notices/${created.body.id}/translations/${language}`, { body })).status).toBe(200);
    }
    return created.body.id as string;
  };
  const titles = async (viewer: string, query = '') => {
    const got = await as(viewer).get(`/api/v1/notices${query}`);
    expect(got.status).toBe(200);
    return got.body.items.map((n: { title: string }) => n.title);
  };

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755507' });
    other = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755508' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });

    // Oldest first: a district-wide notice sent, a South-only one sent, a North staff draft, a South staff draft.
    ids.district = await draft('district admin', { all: true }, 'district');
    expect((await as('district admin').post(`/api/v1/notices/${ids.district}/send`)).status).toBe(202);
    await dispatch(ids.district);
    ids.south = await draft('district admin', { contactIds: [d.contacts.southVi] }, 'south only');
    expect((await as('district admin').post(`/api/v1/notices/${ids.south}/send`)).status).toBe(202);
    await dispatch(ids.south);
    await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`update messages set status = 'delivered' where notice_id = $1`, [ids.south]));
    ids.northDraft = await draft('north staff', { all: true }, 'north draft');
    ids.southDraft = await draft('south staff', { all: true }, 'south draft');
    expect(
      (
        await as('district admin', other).post('/api/v1/notices', {
          title: 'elsewhere',
          body: 'x',
          sourceLanguage: 'en',
          urgency: 'normal',
          audience: { all: true },
        })
      ).status,
    ).toBe(201);
  });

  spec.onTeardown(() => api?.close());

  it('lists every notice of the district for a district admin, newest first, with status, stats, audience, languages and author', async () => {
    const got = await as('district admin').get('/api/v1/notices');
    expect(got.body.items.map((n: { title: string }) => n.title)).toEqual(['south draft', 'north draft', 'south only', 'district']);
    const [southDraft, , southOnly, district] = got.body.items;
    expect(southDraft).toMatchObject({
      status: 'draft',
      audienceSummary: { all: true, schools: 0, grades: [], sections: 0, contacts: 0 },
      languages: ['en', 'es', 'vi'],
      author: { id: d.viewer('south staff').userId },
      stats: { total: 0 },
    });
    expect(southOnly).toMatchObject({ status: 'sent', audienceSummary: { contacts: 1 }, stats: { total: 1, delivered: 1, byLanguage: { vi: 1 } } });
    expect(district).toMatchObject({ status: 'sending', urgency: 'urgent', stats: { total: 5, queued: 5, byLanguage: { en: 2, es: 2, vi: 1 } } });
    expect(got.body.nextCursor).toBeNull();
  });

  it('pages by cursor without repeating or skipping a notice', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const got: { body: { items: { title: string }[]; nextCursor: string | null } } = await as('district admin').get(
        `/api/v1/notices?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(got.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...got.body.items.map((n) => n.title));
      cursor = got.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['south draft', 'north draft', 'south only', 'district']);
    // A school-level user's pages skip what they cannot open, and still end.
    expect(await titles('north staff', '?limit=1')).toEqual(['north draft']);
  });

  it('filters on the status the API shows', async () => {
    expect(await titles('district admin', '?status=draft')).toEqual(['south draft', 'north draft']);
    expect(await titles('district admin', '?status=sent')).toEqual(['south only']);
    expect(await titles('district admin', '?status=sending')).toEqual(['district']);
    const bad = await as('district admin').get('/api/v1/notices?status=lost&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((p: { field: string }) => p.field).sort()).toEqual(['limit', 'status']);
    expect((await as('district admin').get('/api/v1/notices?cursor=garbage')).status).toBe(400);
  });

  it("shows school-level users the notices they would open, with their own families' counts only", async () => {
    expect(await titles('north staff')).toEqual(['north draft', 'district']);
    expect(await titles('north liaison')).toEqual(['north draft', 'district']);
    expect(await titles('south staff')).toEqual(['south draft', 'south only', 'district']);
    expect(await titles('staff without schools')).toEqual([]);
    const north = await as('north staff').get('/api/v1/notices?status=sending');
    expect(north.body.items[0].stats).toMatchObject({ total: 3, byLanguage: { en: 2, es: 1 } });
  });

  it("keeps districts apart: another district's admin lists only its own notice", async () => {
    const got = await as('district admin', other).get('/api/v1/notices');
    expect(got.body.items.map((n: { title: string }) => n.title)).toEqual(['elsewhere']);
  });
});
