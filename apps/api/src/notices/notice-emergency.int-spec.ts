import { createDataSource, TenantDb } from '@porchlight/database';
import { SecretBox } from '@porchlight/identity';
import { FanOutNoticeUseCase } from '@porchlight/messaging';
import { OutboundGuard } from '@porchlight/outbound';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  InProcessApi,
  randomHex,
  startInProcessApi,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  TEST_SECRETS_KEY,
  TwoSchoolDistrict,
} from '@porchlight/testing';
import { NoticeTexts, PrepareNoticeUseCase, TenantTranslator } from '@porchlight/translation';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
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
  let dataSource: DataSource;
  let db: TenantDb;
  let redis: IORedis;
  let jobs: JobProducer;
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let prepare: PrepareNoticeUseCase;
  const prefix = `spec-notice-emergency-${randomHex(4)}`;

  const admin = () => api.as(d.viewer('district admin').token);
  const draft = async (urgency: string, translations: Record<string, string> = {}, body = ALERT) => {
    const created = await admin().post('/api/v1/notices', { body, sourceLanguage: 'en', urgency, audience: { all: true } });
    for (const [language, body] of Object.entries(translations)) await admin().put(`/api/v1/notices/${created.body.id}/translations/${language}`, { body });
    return created.body.id as string;
  };
  const byLanguage = (translations: { language: string; fallback?: boolean }[]) => Object.fromEntries(translations.map((t) => [t.language, t]));
  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, work);

  beforeAll(async () => {
    dataSource = await createDataSource({ url: TEST_DATABASE_URL, applicationName: 'notice-emergency-spec', poolSize: 3 }).initialize();
    db = new TenantDb(dataSource);
    redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    jobs = new JobProducer(redis, prefix);
    // No engine, and the policy is to hold a notice with a missing translation.
    d = await createTwoSchoolDistrict(db, { phonePrefix: '+161755516', untranslatedPolicy: 'hold' });
    api = await startInProcessApi(createApiApp, { prefix });
    const translator = new TenantTranslator(db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 }, guard: new OutboundGuard(['127.0.0.1']) });
    prepare = new PrepareNoticeUseCase(db, jobs, new NoticeTexts(db, translator));
  });

  afterAll(async () => {
    await jobs?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
    await api?.close();
    await dataSource.destroy();
  });

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
    const stored = await db.txFor(d.fixture.tenantId, (m) =>
      m.query(`select language, origin, status, fallback from notice_translations where notice_id = $1 order by language`, [id]),
    );
    expect(stored).toEqual([
      { language: 'es', origin: 'catalog', status: 'ready', fallback: true },
      { language: 'vi', origin: 'human', status: 'ready', fallback: false },
    ]);
    await inTenant(() => new FanOutNoticeUseCase(db, jobs).execute(id));
    const rows = (await admin().get(`/api/v1/notices/${id}/messages`)).body.items as { language: string; body: string }[];
    expect(rows.filter((r) => r.language === 'es').map((r) => r.body)).toEqual([`${SPANISH_LINE}\n${ALERT}`, `${SPANISH_LINE}\n${ALERT}`]);
    expect(byLanguage((await admin().get(`/api/v1/notices/${id}/preview`)).body.translations).es).toMatchObject({ fallback: true, origin: 'catalog' });
  });

  it('falls back the same way when the engine fails while preparing', async () => {
    await db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update tenants set translation = translation || '{"provider": "libretranslate", "url": "http://127.0.0.1:9"}'::jsonb where id = $1`, [
        d.fixture.tenantId,
      ]),
    );
    try {
      const id = await draft('emergency', {}, LOCKDOWN);
      expect((await admin().post(`/api/v1/notices/${id}/send`)).status).toBe(202);
      expect(await inTenant(() => prepare.execute(id))).toBe('ready');
      const stored = await db.txFor(d.fixture.tenantId, (m) =>
        m.query(`select language, body from notice_translations where notice_id = $1 order by language`, [id]),
      );
      expect(stored).toEqual([
        { language: 'es', body: `${SPANISH_LINE}\n${LOCKDOWN}` },
        { language: 'vi', body: `${VIETNAMESE_LINE}\n${LOCKDOWN}` },
      ]);
    } finally {
      await db.txFor(d.fixture.tenantId, (m) =>
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
