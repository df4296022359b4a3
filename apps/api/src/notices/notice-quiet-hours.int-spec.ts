import { FanOutNoticeUseCase, PrepareNoticeUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import { createTwoSchoolDistrict, InProcessApi, startInProcessApi, TwoSchoolDistrict, useIntegration, zoneWhereItIsNow } from '@porchlight/testing';
import { NoticeTexts } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

/**
 * The quiet-hours effect, before and after sending: the preview says how many families a normal
 * notice makes wait and until when, and how many an emergency reaches inside their quiet hours;
 * the notice then carries the same, and each held message row its `sendAfter`.
 */
describe('Quiet hours in the preview, the notice and its rows (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('notice-quiet', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  const evening = zoneWhereItIsNow(21);

  const as = (viewer: string) => api.as(d.viewer(viewer).token);
  const dispatch = (id: string) =>
    TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, async () => {
      await new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db)).execute(id);
      await new FanOutNoticeUseCase(spec.db, spec.jobs).execute(id);
    });
  const draft = async (urgency: string) => {
    const created = await as('district admin').post('/api/v1/notices', {
      body: 'Report cards are out.',
      sourceLanguage: 'en',
      urgency,
      audience: { all: true },
    });
    for (const [language, body] of Object.entries({ es: 'Las boletas están listas.', vi: 'Phiếu điểm đã có.' })) {
      expect((await as('district admin').put(`/api/v1/notices/${created.body.id}/translations/${language}`, { body })).status).toBe(200);
    }
    return created.body.id as string;
  };

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755515' });
    // Every family lives where it is 21:xx now; the district's window is 08:00-21:00.
    await spec.db.txFor(d.fixture.tenantId, async (m) => {
      await m.query(`update tenants set quiet_hours_start = '08:00', quiet_hours_end = '21:00' where id = $1`, [d.fixture.tenantId]);
      await m.query(`update contacts set time_zone = $1`, [evening.zone]);
    });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
  });

  spec.onTeardown(() => api?.close());

  it('previews a normal notice as waiting until 08:00 for every family, then holds each row until then', async () => {
    const id = await draft('normal');
    const preview = (await as('district admin').get(`/api/v1/notices/${id}/preview`)).body.quietHours;
    expect(preview).toEqual({ waiting: 5, waits: [{ until: expect.any(String), recipients: 5 }], overridden: 0 });
    const until = new Date(preview.waits[0].until);
    // 08:00 in the families' zone.
    expect(new Date(until.getTime() + evening.offsetHours * HOUR).toISOString().slice(11, 16)).toBe('08:00');
    // A school-level reader counts its families only.
    expect((await as('north staff').get(`/api/v1/notices/${id}/preview`)).body.quietHours).toEqual({
      waiting: 3,
      waits: [{ until: preview.waits[0].until, recipients: 3 }],
      overridden: 0,
    });

    expect((await as('district admin').post(`/api/v1/notices/${id}/send`)).status).toBe(202);
    await dispatch(id);
    const notice = (await as('district admin').get(`/api/v1/notices/${id}`)).body;
    expect(notice.quietHours).toEqual(preview);
    const rows = (await as('district admin').get(`/api/v1/notices/${id}/messages`)).body.items;
    expect(rows.map((r: { sendAfter: string }) => r.sendAfter)).toEqual(Array(5).fill(preview.waits[0].until));
    const south = (await as('south staff').get(`/api/v1/notices/${id}`)).body;
    expect(south.quietHours).toEqual({ waiting: 3, waits: [{ until: preview.waits[0].until, recipients: 3 }], overridden: 0 });
    // Their families' rows only, each waiting; whether the notice is done counts every row.
    expect(south.stats.total).toBe(3);
    expect(south.stats.pending + south.stats.queued).toBe(3);
    expect(south.status).toBe('sending');
  });

  it('previews an emergency as reaching every family inside quiet hours, and the notice keeps the override count', async () => {
    const id = await draft('emergency');
    const preview = (await as('district admin').get(`/api/v1/notices/${id}/preview`)).body.quietHours;
    expect(preview).toEqual({ waiting: 0, waits: [], overridden: 5 });
    expect((await as('district admin').post(`/api/v1/notices/${id}/send`)).status).toBe(202);
    await dispatch(id);
    expect((await as('district admin').get(`/api/v1/notices/${id}`)).body.quietHours).toEqual({ waiting: 0, waits: [], overridden: 5 });
    const rows = (await as('district admin').get(`/api/v1/notices/${id}/messages`)).body.items;
    expect(rows.map((r: { sendAfter: string | null }) => r.sendAfter)).toEqual(Array(5).fill(null));
  });
});
