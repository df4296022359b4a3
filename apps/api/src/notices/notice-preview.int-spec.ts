import { SecretBox } from '@porchlight/identity';
import { OutboundGuard } from '@porchlight/outbound';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  InProcessApi,
  PhraseTranslatorServer,
  startInProcessApi,
  TEST_SECRETS_KEY,
  TwoSchoolDistrict,
  useIntegration,
} from '@porchlight/testing';
import { PrepareNoticeUseCase } from '@porchlight/messaging';
import { NoticeTexts, rememberTranslation, TenantTranslator } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

const BODY = 'Picture day is tomorrow.';

// The setup drives the API and the dispatch steps for several districts: generous on a busy machine.
jest.setTimeout(60_000);
/**
 * The preview shows the text each language will get before anything is sent — machine
 * translations included, translated once and cached — and the send stores exactly what it showed.
 */
describe('Notice preview with machine translation (HTTP, Postgres, Redis, a LibreTranslate-speaking engine)', () => {
  const spec = useIntegration('notice-preview', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let engine: PhraseTranslatorServer;
  let prepare: PrepareNoticeUseCase;

  const withEngine = async (phonePrefix: string, translation: object = {}) => {
    const d = await createTwoSchoolDistrict(spec.db, { phonePrefix });
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update tenants set translation = translation || $2::jsonb where id = $1`, [
        d.fixture.tenantId,
        JSON.stringify({ provider: 'libretranslate', url: engine.url, ...translation }),
      ]),
    );
    return d;
  };
  const draft = async (d: TwoSchoolDistrict, urgency = 'normal') => {
    const created = await api
      .as(d.viewer('district admin').token)
      .post('/api/v1/notices', { body: BODY, sourceLanguage: 'en', urgency, audience: { all: true } });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const preview = async (d: TwoSchoolDistrict, id: string, viewer = 'district admin') => {
    const got = await api.as(d.viewer(viewer).token).get(`/api/v1/notices/${id}/preview`);
    expect(got.status).toBe(200);
    return Object.fromEntries(got.body.translations.map((t: { language: string }) => [t.language, t]));
  };

  beforeAll(async () => {
    engine = await new PhraseTranslatorServer({
      'en>es': { 'Picture day is tomorrow': 'El día de fotos es mañana' },
      'en>vi': { 'Picture day is tomorrow': 'Ngày chụp ảnh là ngày mai' },
    }).start();
    // The local engine is on loopback over plain http: the operator allows that host.
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix, env: { PROVIDER_HOST_ALLOWLIST: '127.0.0.1' } });
    const translator = new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 }, guard: new OutboundGuard(['127.0.0.1']) });
    prepare = new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db, translator));
  });

  spec.onTeardown(async () => {
    await engine?.stop();
    await api?.close();
  });

  it('shows machine translations before sending, asks the engine once per language, and the send stores what the preview showed', async () => {
    const d = await withEngine('+161755511');
    const id = await draft(d);
    const before = engine.requests.length;
    const first = await preview(d, id);
    expect(first.en).toMatchObject({ origin: 'source', status: 'ready', body: BODY });
    expect(first.es).toMatchObject({ origin: 'machine', status: 'ready', provider: 'libretranslate', body: 'El día de fotos es mañana.', encoding: 'UCS-2' });
    expect(first.vi).toMatchObject({ origin: 'machine', status: 'ready', body: 'Ngày chụp ảnh là ngày mai.' });
    expect(engine.requests.length - before).toBe(2);

    // Cached: the next preview, a colleague's preview and the send's preparation ask the engine nothing.
    expect(await preview(d, id)).toEqual(first);
    expect((await preview(d, id, 'north staff')).es).toEqual(first.es);
    expect((await api.as(d.viewer('district admin').token).post(`/api/v1/notices/${id}/send`)).status).toBe(202);
    expect(await TenantContext.run({ tenantId: d.fixture.tenantId }, () => prepare.execute(id))).toBe('ready');
    expect(engine.requests.length - before).toBe(2);
    const stored = await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`select language, body, origin, status from notice_translations where notice_id = $1 order by language`, [id]),
    );
    expect(stored).toEqual([
      { language: 'es', body: first.es.body, origin: 'machine', status: 'ready' },
      { language: 'vi', body: first.vi.body, origin: 'machine', status: 'ready' },
    ]);
  });

  it('decides person, then memory, before any engine', async () => {
    const d = await withEngine('+161755512');
    const id = await draft(d);
    const admin = api.as(d.viewer('district admin').token);
    expect((await admin.put(`/api/v1/notices/${id}/translations/es`, { body: 'Mañana: día de fotos.' })).status).toBe(200);
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      rememberTranslation(m, d.fixture.tenantId, { sourceLanguage: 'en', sourceText: BODY, language: 'vi', body: 'Ngày mai chụp ảnh.', approvedBy: null }),
    );
    const before = engine.requests.length;
    const shown = await preview(d, id);
    expect(shown.es).toMatchObject({ origin: 'human', body: 'Mañana: día de fotos.' });
    expect(shown.vi).toMatchObject({ origin: 'memory', body: 'Ngày mai chụp ảnh.' });
    expect(engine.requests.length).toBe(before);
  });

  it("follows the district's review rules: machine text of a reviewed urgency waits, and a liaison approves it from the preview", async () => {
    const d = await withEngine('+161755513', { requireReviewFor: ['urgent'] });
    const id = await draft(d, 'urgent');
    const shown = await preview(d, id);
    expect(shown.es).toMatchObject({ origin: 'machine', status: 'needs_review', reviewReason: 'the district reviews machine translations of urgent notices' });
    const admin = api.as(d.viewer('district admin').token);
    const refused = await admin.post(`/api/v1/notices/${id}/send`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('translations to review before sending: es, vi');

    const approved = await api.as(d.viewer('north liaison').token).post(`/api/v1/notices/${id}/translations/es/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ language: 'es', origin: 'machine', status: 'ready', body: shown.es.body });
    expect((await preview(d, id)).vi.status).toBe('needs_review');
    expect((await admin.post(`/api/v1/notices/${id}/send`)).body.message).toBe('translations to review before sending: vi');
  });

  it('shows a language no engine can fill as missing, with the reason in our words', async () => {
    const d = await withEngine('+161755514');
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update tenants set translation = translation || '{"url": "http://127.0.0.1:9"}'::jsonb where id = $1`, [d.fixture.tenantId]),
    );
    const shown = await preview(d, await draft(d));
    expect(shown.es).toMatchObject({ status: 'missing', body: null, origin: null, machineError: expect.any(String) });
    expect(shown.es.machineError).not.toMatch(/127\.0\.0\.1/);
  });
});
