import { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv } from '@porchlight/config';
import { AccessTokens } from '@porchlight/identity';
import { addFamilies, randomHex, TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../bootstrap';

describe('Notices from the template catalog, through the API in-process (Postgres and Redis)', () => {
  let app: INestApplication;
  const spec = useIntegration('templates', { tenant: { timezone: 'America/New_York' } });
  let base: string;
  let token: string;
  let schoolId: string;

  beforeAll(async () => {
    ({ schoolId } = await addFamilies(spec.db, spec.fixture.tenantId, [
      { phone: '+16175550141', language: 'en' },
      { phone: '+16175550142', language: 'es' },
      { phone: '+16175550143', language: 'vi' },
    ]));
    const env = loadEnv(ApiEnv, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: spec.prefix,
      SECRETS_KEY: TEST_SECRETS_KEY,
      PLATFORM_ADMIN_TOKEN: randomHex(16),
      LOG_LEVEL: 'error',
    });
    app = await createApiApp(env);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = await new AccessTokens(TEST_SECRETS_KEY, 3600).issue({
      userId: spec.fixture.adminId,
      tenantId: spec.fixture.tenantId,
      role: 'district_admin',
      schoolIds: [],
      language: 'en',
    });
  });

  spec.onTeardown(() => app?.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const notice = (extra: object) => ({ sourceLanguage: 'en', urgency: 'urgent', audience: { schoolIds: [schoolId] }, ...extra });

  it('lists the catalog with its variables, languages and review marks', async () => {
    const { status, body } = await call('GET', '/api/v1/templates');
    expect(status).toBe(200);
    expect(body.length).toBeGreaterThanOrEqual(13);
    const closure = body.find((t: any) => t.key === 'school_closure_weather');
    expect(closure.variables.map((v: any) => v.name)).toEqual(['school', 'date']);
    expect(closure.languages).toEqual(expect.arrayContaining(['en', 'es', 'vi', 'zh-Hans', 'zh-Hant', 'ar', 'so', 'ht', 'pt', 'ru', 'ko', 'tl', 'fr']));
    expect(closure.review.es).toEqual({ status: 'machine_drafted', reviewer: 'native speaker' });

    const docs = (await (await fetch(`${base}/api/docs-json`)).json()) as { paths: Record<string, any>; components: { schemas: Record<string, any> } };
    expect(Object.keys(docs.paths['/api/v1/templates'])).toEqual(['get']);
    expect(docs.components.schemas.CreateNoticeDto.properties.template).toBeDefined();
    expect(docs.components.schemas.CreateNoticeDto.required).not.toContain('body');
  });

  it('writes a notice from a template: the body in the source language, the template kept, the catalog in the preview', async () => {
    const created = await call(
      'POST',
      '/api/v1/notices',
      notice({ template: { key: 'school_closure_weather', variables: { school: 'Lincoln Elementary', date: '2026-03-06' } } }),
    );
    expect(created.status).toBe(201);
    expect(created.body.body).toBe('Lincoln Elementary is closed on Friday, March 6 due to severe weather. Please stay safe.');
    expect(created.body.template).toEqual({ key: 'school_closure_weather', variables: { school: 'Lincoln Elementary', date: '2026-03-06' } });

    const preview = await call('GET', `/api/v1/notices/${created.body.id}/preview`);
    expect(preview.status).toBe(200);
    const byLanguage = Object.fromEntries(preview.body.translations.map((t: any) => [t.language, t]));
    expect(byLanguage.en).toMatchObject({ origin: 'source', status: 'ready' });
    expect(byLanguage.es).toMatchObject({
      origin: 'catalog',
      status: 'ready',
      body: 'Lincoln Elementary: no habrá clases el viernes, 6 de marzo debido al mal tiempo. Cuídense.',
    });
    expect(byLanguage.vi).toMatchObject({ origin: 'catalog', status: 'ready' });
    expect(byLanguage.vi.body).toContain('Thứ Sáu, 6 tháng 3');

    // No engine and a policy to hold: the catalog covers every language, so the notice may go.
    const sent = await call('POST', `/api/v1/notices/${created.body.id}/send`);
    expect(sent.status).toBe(202);
    expect(sent.body.status).toBe('translating');
  });

  it('lets a district admin approve catalog texts of a notice the district reviews, then send it', async () => {
    await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`update tenants set translation = translation || '{"requireReviewFor": ["emergency"]}'::jsonb where id = $1`, [spec.fixture.tenantId]),
    );
    try {
      const created = await call('POST', '/api/v1/notices', notice({ urgency: 'emergency', template: { key: 'lockdown', variables: { school: 'Lincoln' } } }));
      expect(created.status).toBe(201);
      const preview = await call('GET', `/api/v1/notices/${created.body.id}/preview`);
      expect(preview.body.translations.find((t: any) => t.language === 'es')).toMatchObject({ origin: 'catalog', status: 'needs_review' });
      expect((await call('POST', `/api/v1/notices/${created.body.id}/send`)).status).toBe(409);
      for (const language of ['es', 'vi']) {
        const approved = await call('POST', `/api/v1/notices/${created.body.id}/translations/${language}/approve`);
        expect(approved.status).toBe(200);
        expect(approved.body).toMatchObject({ language, origin: 'catalog', status: 'ready' });
      }
      // Nothing to approve in a language the catalog does not hold.
      expect((await call('POST', `/api/v1/notices/${created.body.id}/translations/de/approve`)).status).toBe(404);
      expect((await call('POST', `/api/v1/notices/${created.body.id}/send`)).status).toBe(202);
    } finally {
      await spec.db.txFor(spec.fixture.tenantId, (m) =>
        m.query(`update tenants set translation = translation - 'requireReviewFor' where id = $1`, [spec.fixture.tenantId]),
      );
    }
  });

  it('renders the source text in the source language of the notice', async () => {
    const created = await call(
      'POST',
      '/api/v1/notices',
      notice({ sourceLanguage: 'es', body: 'ignored', template: { key: 'lockdown', variables: { school: 'Lincoln' } } }),
    );
    expect(created.status).toBe(201);
    expect(created.body.body).toBe(
      'Lincoln está en confinamiento (lockdown). Los estudiantes están seguros adentro. No venga a la escuela. Enviaremos novedades.',
    );
    const elsewhere = await call('POST', '/api/v1/notices', notice({ sourceLanguage: 'de', template: { key: 'lockdown', variables: { school: 'Lincoln' } } }));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details).toEqual([{ field: 'sourceLanguage', message: expect.stringContaining('not written in de') }]);
  });

  it('answers 400 with details for an unknown template, a missing or unknown variable, and neither body nor template', async () => {
    const unknown = await call('POST', '/api/v1/notices', notice({ template: { key: 'snow_day', variables: {} } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ field: 'template.key', message: expect.stringContaining('unknown template "snow_day"') }]);

    const missing = await call(
      'POST',
      '/api/v1/notices',
      notice({ template: { key: 'early_release', variables: { school: 'Lincoln', time: '14:30', colour: 'red' } } }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([
      { field: 'template.variables.colour', message: expect.stringContaining('unknown variable "colour"') },
      { field: 'template.variables.date', message: expect.stringContaining('missing variable "date"') },
    ]);

    const neither = await call('POST', '/api/v1/notices', notice({}));
    expect(neither.status).toBe(400);
    const shapeless = await call('POST', '/api/v1/notices', notice({ template: { key: 'lockdown' } }));
    expect(shapeless.status).toBe(400);
  });
});
