import { SecretBox } from '@porchlight/identity';
import { ProcessInboundUseCase, TranslateReplyUseCase } from '@porchlight/messaging';
import { OutboundGuard } from '@porchlight/outbound';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  InProcessApi,
  PhraseTranslatorServer,
  startInProcessApi,
  storeInbound,
  TEST_SECRETS_KEY,
  useIntegration,
} from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import { SurveyConversation } from '@porchlight/engagement';
import { createApiApp } from '../bootstrap';

jest.setTimeout(60_000);

type Family = 'northEn' | 'northEs' | 'southVi';

/**
 * A staff answer reaches the family in its language or not at all, unless the sender confirms
 * sending it as written; a family reply nobody could translate for staff says so in the thread.
 */
describe('Staff answers and the family language (HTTP, Postgres, Redis, a LibreTranslate-speaking engine)', () => {
  const spec = useIntegration('conversation-reply', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let engine: PhraseTranslatorServer;
  let translator: TenantTranslator;

  /** A district whose three families wrote in; South's Vietnamese family reads Somali, which LibreTranslate has no model for. */
  const district = async (phonePrefix: string, translation: object) => {
    const d = await createTwoSchoolDistrict(spec.db, { phonePrefix });
    await spec.db.txFor(d.fixture.tenantId, async (m) => {
      await m.query(`update tenants set translation = translation || $2::jsonb where id = $1`, [d.fixture.tenantId, JSON.stringify(translation)]);
      await m.query(`update contacts set language = 'so' where id = $1`, [d.contacts.southVi]);
    });
    const threads = {} as Record<Family, string>;
    for (const family of ['northEn', 'northEs', 'southVi'] as Family[]) {
      const id = await storeInbound(spec.db, d.fixture.tenantId, d.phones[family], 'When is the field trip?');
      await TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, () =>
        new ProcessInboundUseCase(spec.db, spec.jobs, new SurveyConversation()).execute(id),
      );
      const [row] = await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`select id from conversations where phone = $1`, [d.phones[family]]));
      threads[family] = row.id;
    }
    return { d, threads, admin: api.as(d.viewer('district admin').token) };
  };

  beforeAll(async () => {
    engine = await new PhraseTranslatorServer({ 'en>es': { 'The trip is on Friday': 'La excursión es el viernes' } }).start();
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix, env: { PROVIDER_HOST_ALLOWLIST: '127.0.0.1' } });
    translator = new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 }, guard: new OutboundGuard(['127.0.0.1']) });
  });

  spec.onTeardown(async () => {
    await engine?.stop();
    await api?.close();
  });

  it('translates an answer into the family language when an engine can, and refuses (409) one it cannot, unless confirmed', async () => {
    const { threads, admin } = await district('+161755517', { provider: 'libretranslate', url: engine.url });
    const spanish = await admin.post(`/api/v1/conversations/${threads.northEs}/messages`, { body: 'The trip is on Friday.' });
    expect(spanish.status).toBe(201);
    expect(spanish.body).toMatchObject({
      language: 'es',
      body: 'La excursión es el viernes.',
      translatedBody: 'The trip is on Friday.',
      translatedLanguage: 'en',
    });
    expect(spanish.body.untranslated).toBeUndefined();

    const refused = await admin.post(`/api/v1/conversations/${threads.southVi}/messages`, { body: 'The trip is on Friday.' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(
      /^nothing can translate this reply into so \(.+\): the family would receive it as written\. Send it with sendUntranslated: true/,
    );
    expect(refused.body.details).toMatchObject({ language: 'so' });
    const confirmed = await admin.post(`/api/v1/conversations/${threads.southVi}/messages`, { body: 'The trip is on Friday.', sendUntranslated: true });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ language: 'en', body: 'The trip is on Friday.', untranslated: expect.stringMatching(/^sent as written in en: /) });
    const shown = await admin.get(`/api/v1/conversations/${threads.southVi}`);
    expect(shown.body.messages.filter((m: { direction: string }) => m.direction === 'outbound')).toEqual([
      expect.objectContaining({ body: 'The trip is on Friday.', untranslated: confirmed.body.untranslated }),
    ]);
    // The same language needs no engine; a bad flag is a 400 naming it.
    expect((await admin.post(`/api/v1/conversations/${threads.northEn}/messages`, { body: 'Friday.' })).status).toBe(201);
    const bad = await admin.post(`/api/v1/conversations/${threads.northEs}/messages`, { body: 'x', sendUntranslated: 'yes' });
    expect([bad.status, bad.body.details.map((p: { field: string }) => p.field)]).toEqual([400, ['sendUntranslated']]);
  });

  it('refuses (409) an answer in another language where the district has no engine, and sends it as written once confirmed', async () => {
    const { threads, admin } = await district('+161755518', { provider: 'none' });
    const refused = await admin.post(`/api/v1/conversations/${threads.northEs}/messages`, { body: 'Dismissal is at 12:30.' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('no machine translation is configured for this district');
    const sent = await admin.post(`/api/v1/conversations/${threads.northEs}/messages`, { body: 'Dismissal is at 12:30.', sendUntranslated: true });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      language: 'en',
      body: 'Dismissal is at 12:30.',
      untranslated: 'sent as written in en: no machine translation is configured for this district',
    });
  });

  it('answers 503 while the engine is unreachable (a passing fault), and sends as written only when confirmed', async () => {
    const { threads, admin } = await district('+161755519', { provider: 'libretranslate', url: 'http://127.0.0.1:9' });
    expect((await admin.post(`/api/v1/conversations/${threads.northEs}/messages`, { body: 'Lunch is at noon.' })).status).toBe(503);
    const sent = await admin.post(`/api/v1/conversations/${threads.northEs}/messages`, { body: 'Lunch is at noon.', sendUntranslated: true });
    expect(sent.status).toBe(201);
    expect(sent.body.untranslated).toMatch(/^sent as written in en: /);
  });

  it('says in the thread when a family reply could not be translated for staff', async () => {
    const { d, threads, admin } = await district('+161755520', { provider: 'libretranslate', url: engine.url });
    const [reply] = await spec.db.txFor(d.fixture.tenantId, async (m) => {
      await m.query(`update messages set language = 'so' where phone = $1 and direction = 'inbound'`, [d.phones.southVi]);
      return m.query(`select id from messages where phone = $1 and direction = 'inbound'`, [d.phones.southVi]);
    });
    expect(await TenantContext.run({ tenantId: d.fixture.tenantId }, () => new TranslateReplyUseCase(spec.db, translator).execute(reply.id))).toBe(
      'untranslated',
    );
    const shown = await admin.get(`/api/v1/conversations/${threads.southVi}`);
    expect(shown.body.messages[0]).toMatchObject({
      direction: 'inbound',
      body: 'When is the field trip?',
      untranslated: expect.stringMatching(/^could not be translated from so into en: /),
    });
    expect(shown.body.messages[0].translatedBody).toBeUndefined();
  });
});
