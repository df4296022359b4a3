import { SecretBox } from '@porchlight/identity';
import { FanOutNoticeUseCase, PrepareNoticeUseCase } from '@porchlight/messaging';
import { OutboundGuard } from '@porchlight/outbound';
import { TenantContext } from '@porchlight/tenancy';
import { createTwoSchoolDistrict, InProcessApi, startInProcessApi, TEST_SECRETS_KEY, TwoSchoolDistrict, useIntegration } from '@porchlight/testing';
import { NoticeTexts, TenantTranslator } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

jest.setTimeout(60_000);

const ALERT = 'Shelter in place now. Students are safe inside.';
/** Another text: what a person wrote for ALERT is in the memory now. */
const LOCKDOWN = 'Lockdown: do not come to the school.';
const SPANISH_LINE = 'Mensaje urgente de Fixture District:';
const VIETNAMESE_LINE = 'Tin nhắn khẩn cấp từ Fixture District:';

/**
 * Emergencies are never held for a missing translation: each family gets the catalog's "Urgent
 * message from <district>:" in its language, then the source text, and the notice records it;
 * a normal notice keeps the district's hold policy.
 */
describe('An emergency with no translation (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('notice-emergency', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let prepare: PrepareNoticeUseCase;

  const admin = () => api.as(d.viewer('district admin').token);
  const draft = async (urgency: string, translations: Record<string, string> = {}, body = ALERT) => {
    const created = await admin().post('/api/v1/notices', { body, sourceLanguage: 'en', urgency, audience: { all: true } });
    for (const [language, body] of Object.entries(translations)) await admin().put(`/api/v1/notices/${created.body.id}/translations/${language}`, { body });
    return created.body.id as string;
  };
  const byLanguage = (translations: { language: string; fallback?: boolean }[]) => Object.fromEntries(translations.map((t) => [t.language, t]));
  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, work);

  beforeAll(async () => {
    // No engine, and the policy is to hold a notice with a missing translation.
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755516', untranslatedPolicy: 'hold' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
    const translator = new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 }, guard: new OutboundGuard(['127.0.0.1']) });
    prepare = new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db, translator));
  });

  spec.onTeardown(() => api?.close());

  it('previews, sends and delivers each missing language as the catalog line in it followed by the source text', async () => {
    const id = await draft('emergency', { vi: 'Hãy ở yên trong nhà.' });
    const preview = byLanguage((await admin().get(`/api/v1/notices/${id}/preview`)).body.translations);
    expect(preview.es).toMatchObject({ origin: 'catalog', status: 'ready', fallback: true, body: `${SPANISH_LINE}\n${ALERT}` });
    expect(preview.vi).toMatchObject({ origin: 'human', body: 'Hãy ở yên trong nhà.' });
    expect(preview.vi.fallback).toBeUndefined();
    // The urgent line is no translation: there is nothing to approve.
    expect((await admin().post(`/api/v1/notices/${id}/translations/es/approve`)).status).toBe(404);

    expect((await admin().post(`/api/v1/notices/${id}/send`)).status).toBe(202);
    expect(await inTenant(() => prepare.execute(id))).toBe('ready');
    const stored = await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`select language, origin, status, fallback from notice_translations where notice_id = $1 order by language`, [id]),
    );
    expect(stored).toEqual([
      { language: 'es', origin: 'catalog', status: 'ready', fallback: true },
      { language: 'vi', origin: 'human', status: 'ready', fallback: false },
    ]);
    await inTenant(() => new FanOutNoticeUseCase(spec.db, spec.jobs).execute(id));
    const rows = (await admin().get(`/api/v1/notices/${id}/messages`)).body.items as { language: string; body: string }[];
    expect(rows.filter((r) => r.language === 'es').map((r) => r.body)).toEqual([`${SPANISH_LINE}\n${ALERT}`, `${SPANISH_LINE}\n${ALERT}`]);
    expect(byLanguage((await admin().get(`/api/v1/notices/${id}/preview`)).body.translations).es).toMatchObject({ fallback: true, origin: 'catalog' });
  });

  it('falls back the same way when the engine fails while preparing', async () => {
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update tenants set translation = translation || '{"provider": "libretranslate", "url": "http://127.0.0.1:9"}'::jsonb where id = $1`, [
        d.fixture.tenantId,
      ]),
    );
    try {
      const id = await draft('emergency', {}, LOCKDOWN);
      expect((await admin().post(`/api/v1/notices/${id}/send`)).status).toBe(202);
      expect(await inTenant(() => prepare.execute(id))).toBe('ready');
      const stored = await spec.db.txFor(d.fixture.tenantId, (m) =>
        m.query(`select language, body from notice_translations where notice_id = $1 order by language`, [id]),
      );
      expect(stored).toEqual([
        { language: 'es', body: `${SPANISH_LINE}\n${LOCKDOWN}` },
        { language: 'vi', body: `${VIETNAMESE_LINE}\n${LOCKDOWN}` },
      ]);
    } finally {
      await spec.db.txFor(d.fixture.tenantId, (m) =>
        m.query(`update tenants set translation = translation || '{"provider": "none"}'::jsonb where id = $1`, [d.fixture.tenantId]),
      );
    }
  });

  it("keeps the district's hold policy for a normal notice: 409 naming the missing languages", async () => {
    const id = await draft('normal', {}, LOCKDOWN);
    const refused = await admin().post(`/api/v1/notices/${id}/send`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ message: 'translations needed before sending: es, vi', details: { missingLanguages: ['es', 'vi'] } });
    expect(byLanguage((await admin().get(`/api/v1/notices/${id}/preview`)).body.translations).es).toMatchObject({ status: 'missing', body: null });
  });
});
