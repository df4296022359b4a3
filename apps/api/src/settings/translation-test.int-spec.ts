import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { check, fakeTranslation, InProcessApi, LocalProviderServer, RecordedRequest, startInProcessApi, useIntegration } from '@porchlight/testing';
import { createApiApp } from '../bootstrap';
import { staffToken } from '../testing/records-spec-helpers';

const KEY = 'lt-key-settings-0123';
const PATH = '/api/v1/settings/translation/test';

/** LibreTranslate's `POST /translate` as the adapter contract specs speak it, refusing any other key with its 403. */
function libreTranslate(request: RecordedRequest) {
  check(request.method === 'POST' && request.path === '/translate', `unexpected ${request.method} ${request.path}`);
  const body = JSON.parse(request.body) as { q: string[]; target: string; api_key?: string };
  if (body.api_key !== KEY) return { status: 403, body: { error: 'Invalid API key' } };
  return { status: 200, body: { translatedText: body.q.map((q) => fakeTranslation(q, body.target)) } };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface TrialAnswer {
  ok: boolean;
  provider: string;
  translatedText?: string;
  detectedLanguage?: string;
  errorCode?: string;
  error?: string;
}

jest.setTimeout(30_000);

/**
 * "Test it" for a district's translation engine: one sample through the saved engine or unsaved
 * fields, always answered 200 with what happened; the saved key never leaves for an unsaved URL.
 */
describe('POST /api/v1/settings/translation/test (API in-process, Postgres, a local LibreTranslate-speaking engine)', () => {
  const spec = useIntegration('translation-test');
  let api: InProcessApi;
  let engine: LocalProviderServer;
  let other: LocalProviderServer;
  let admin: string;

  beforeAll(async () => {
    engine = await new LocalProviderServer(libreTranslate).start();
    other = await new LocalProviderServer(libreTranslate).start();
    // The engines are on loopback over plain http: the operator allows that host.
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix, env: { PROVIDER_HOST_ALLOWLIST: '127.0.0.1' } });
    admin = (await staffToken(spec.db, spec.fixture, 'district_admin', spec.fixture.adminId)).token;
    const saved = await api.as(admin).patch('/api/v1/settings', { translation: { provider: 'libretranslate', url: engine.url, apiKey: KEY } });
    expect(saved.status).toBe(200);
  });
  beforeEach(() => {
    engine.reset();
    other.reset();
  });

  spec.onTeardown(async () => {
    await api?.close();
    await engine?.stop();
    await other?.stop();
  });

  const trial = async (body: object, token = admin) => {
    const answer = await api.as(token).post<TrialAnswer>(PATH, body);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain(KEY);
    return answer.body;
  };

  it('translates a sample with the saved engine and key; the settings say a key is set without showing it', async () => {
    const answer = await trial({});
    expect(answer).toMatchObject({ ok: true, provider: 'libretranslate', translatedText: fakeTranslation('School is closed tomorrow because of snow.', 'es') });
    expect(answer.error).toBeUndefined();
    expect(await trial({ text: 'Picture day is Friday.', targetLanguage: 'vi' })).toMatchObject({ ok: true, translatedText: '[vi] Picture day is Friday.' });
    expect(engine.requests).toHaveLength(2);
    const settings = await api.as(admin).get('/api/v1/settings');
    expect(settings.body.translation).toMatchObject({ provider: 'libretranslate', url: engine.url, apiKeySet: true });
    expect(JSON.stringify(settings.body)).not.toContain(KEY);
    // Whether a key is set is read from the sealed column, never stored with the settings.
    expect((await api.as(admin).patch('/api/v1/settings', { translation: { region: 'eu' } })).body.translation).toMatchObject({ apiKeySet: true });
    const [row] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select translation from tenants where id = $1`, [spec.fixture.tenantId]));
    expect(row.translation).toEqual({ provider: 'libretranslate', url: engine.url, region: 'eu', untranslatedPolicy: expect.any(String) });
  });

  it('says the engine refused the key, in our words, when an unsaved key is wrong', async () => {
    const answer = await trial({ apiKey: 'wrong-key-9876' });
    expect(answer).toMatchObject({ ok: false, errorCode: 'unauthorized' });
    expect(answer.error).toMatch(/refused the API key/);
    expect(answer.error).not.toContain('Invalid API key');
    expect(answer.translatedText).toBeUndefined();
    expect(engine.requests).toHaveLength(1);
  });

  it('never sends the saved key to an unsaved URL', async () => {
    expect(await trial({ url: other.url })).toMatchObject({ ok: false, errorCode: 'unauthorized' });
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0].body).not.toContain(KEY);
    expect(await trial({ url: other.url, apiKey: KEY })).toMatchObject({ ok: true, translatedText: expect.stringMatching(/^\[es\] /) });
  });

  it('says when the engine cannot be reached, or may not be, or the settings are incomplete', async () => {
    const port = await closedPort();
    expect(await trial({ url: `http://127.0.0.1:${String(port)}` })).toMatchObject({
      ok: false,
      errorCode: 'unreachable',
      error: expect.stringMatching(/could not be reached/),
    });
    const blocked = await trial({ url: 'http://169.254.169.254/' });
    expect(blocked).toMatchObject({ ok: false, errorCode: 'blocked' });
    expect(await trial({ provider: 'deepl' })).toMatchObject({ ok: false, errorCode: 'incomplete', error: expect.stringMatching(/needs apiKey/) });
    expect(await trial({ provider: 'none' })).toMatchObject({ ok: false, errorCode: 'no_engine' });
    expect(await trial({ targetLanguage: 'xx' })).toMatchObject({ ok: false, errorCode: 'unsupported_language' });
    expect(engine.requests).toHaveLength(0);
  });

  it('is for district admins only, and refuses bad input with a 400 naming the field', async () => {
    for (const role of ['staff', 'school_admin', 'liaison'] as const) {
      const { token } = await staffToken(spec.db, spec.fixture, role);
      expect((await api.as(token).post(PATH, {})).status).toBe(403);
    }
    const tooLong = await api.as(admin).post(PATH, { text: 'x'.repeat(501), provider: 'babelfish' });
    expect(tooLong.status).toBe(400);
    expect((tooLong.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['provider', 'text']);
    expect((await api.as('').post(PATH, {})).status).toBe(401);
    expect(engine.requests).toHaveLength(0);
  });
});
