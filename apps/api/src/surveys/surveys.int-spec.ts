import { FanOutSurveyUseCase, PrepareSurveyUseCase } from '@porchlight/engagement';
import { SecretBox } from '@porchlight/identity';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  InProcessApi,
  MEETING_SURVEY,
  MEETING_SURVEY_TRANSLATIONS,
  startInProcessApi,
  TEST_SECRETS_KEY,
  TwoSchoolDistrict,
  PhraseTranslatorServer,
  useIntegration,
} from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

const QUESTIONS = MEETING_SURVEY.questions;
const SPANISH = MEETING_SURVEY_TRANSLATIONS.es;

// Many round trips through Postgres per test; the machine may be shared and busy.
jest.setTimeout(60_000);

/**
 * Surveys through the API in-process (Postgres as the application role, RLS on): validation,
 * translations as for notices, sending through the translation and dispatch steps run here,
 * school scope and another district's ids.
 */
describe('Surveys API: drafts, translations, send, scope and tenancy (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('surveys', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let other: TwoSchoolDistrict;
  const as = (viewer: string, district = d) => api.as(district.viewer(viewer).token);
  const draft = (body: object, viewer = 'district admin') =>
    as(viewer).post('/api/v1/surveys', {
      title: 'Conferences',
      sourceLanguage: 'en',
      audience: { all: true },
      intro: 'We want to hear from you.',
      questions: QUESTIONS,
      ...body,
    });

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755507' });
    other = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755508' });
    // The engine of the last test listens on 127.0.0.1, which the outbound guard refuses unless allowed.
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix, env: { PROVIDER_HOST_ALLOWLIST: '127.0.0.1' } });
  });

  spec.onTeardown(() => api.close());

  it.each([
    ['no questions', { questions: [] }, 'questions'],
    ['a choice without options', { questions: [{ key: 'a', text: 'Pick', kind: 'choice' }] }, 'questions.0.options'],
    ['a choice with one option', { questions: [{ key: 'a', text: 'Pick', kind: 'choice', options: [{ key: '1', label: 'Only' }] }] }, 'questions.0.options'],
    ['a scale with min ≥ max', { questions: [{ key: 'a', text: 'Rate', kind: 'scale', scale: { min: 5, max: 5 } }] }, 'questions.0.scale'],
    ['a scale without bounds', { questions: [{ key: 'a', text: 'Rate', kind: 'scale' }] }, 'questions.0.scale'],
    ['two questions of one key', { questions: [QUESTIONS[1], { ...QUESTIONS[1], text: 'Again?' }] }, 'questions.1.key'],
    [
      'two options of one key',
      {
        questions: [
          {
            key: 'a',
            text: 'Pick',
            kind: 'choice',
            options: [
              { key: '1', label: 'A' },
              { key: '1', label: 'B' },
            ],
          },
        ],
      },
      'questions.0.options.1.key',
    ],
    ['eleven questions', { questions: Array.from({ length: 11 }, (_, i) => ({ key: `q${i}`, text: 'Yes?', kind: 'yesno' })) }, 'questions'],
    ['an unknown kind', { questions: [{ key: 'a', text: 'Pick', kind: 'ranking' }] }, 'questions.0.kind'],
    ['a close time in the past', { closesAt: '2020-01-01T00:00:00Z' }, 'closesAt'],
    ['no title', { title: undefined }, 'title'],
    ['an empty audience', { audience: {} }, 'audience'],
    ['no audience', { audience: undefined }, 'audience'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const response = await draft(body);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('creates a draft, lists it, and answers 404 to another district and to staff who do not reach its families', async () => {
    const decision = await as('district admin').post('/api/v1/decisions', { title: 'Conference times', question: 'When should conferences be held?' });
    expect(decision.status).toBe(201);
    const unknownDecision = await draft({ decisionId: '00000000-0000-4000-8000-000000000001' });
    expect(unknownDecision.status).toBe(400);
    expect(unknownDecision.body.details).toEqual([expect.objectContaining({ field: 'decisionId' })]);
    const created = await draft({
      audience: { contactIds: [d.contacts.southVi, d.contacts.southEs] },
      decisionId: decision.body.id,
      reminder: { afterHours: 24 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', questions: QUESTIONS, decisionId: decision.body.id, reminder: { afterHours: 24 } });
    const id = created.body.id;
    expect((await as('district admin').get(`/api/v1/surveys/${id}`)).status).toBe(200);
    expect((await as('district admin').get('/api/v1/surveys')).body.map((s: { id: string }) => s.id)).toContain(id);
    expect((await as('south staff').get(`/api/v1/surveys/${id}`)).status).toBe(200);
    // Someone else's survey: open to those it reaches, sent and closed only by its author or a district admin.
    expect((await as('south staff').post(`/api/v1/surveys/${id}/send`)).status).toBe(403);
    expect((await as('south staff').post(`/api/v1/surveys/${id}/close`)).status).toBe(403);
    expect((await as('south staff').get(`/api/v1/surveys/${id}/results?by=school`)).status).toBe(200);
    expect((await as('south staff').get(`/api/v1/surveys/${id}/results?by=color`)).status).toBe(400);
    expect((await as('north staff').get(`/api/v1/surveys/${id}`)).status).toBe(404);
    expect((await as('north staff').get('/api/v1/surveys')).body.map((s: { id: string }) => s.id)).not.toContain(id);
    for (const path of ['', '/preview', '/results', '/responses.csv'])
      expect((await as('district admin', other).get(`/api/v1/surveys/${id}${path}`)).status).toBe(404);
    expect((await as('district admin', other).post(`/api/v1/surveys/${id}/send`)).status).toBe(404);
    // The CSV streams: refused as JSON before its first byte, its headers kept when it is sent.
    const refused = await as('north staff').get(`/api/v1/surveys/${id}/responses.csv`);
    expect([refused.status, refused.headers.get('content-type'), refused.body]).toEqual([
      404,
      expect.stringContaining('application/json'),
      expect.objectContaining({ statusCode: 404 }),
    ]);
    const csv = await as('south staff').get<string>(`/api/v1/surveys/${id}/responses.csv`);
    expect(csv.status).toBe(200);
    expect([csv.headers.get('content-type'), csv.headers.get('content-disposition'), csv.headers.get('cache-control')]).toEqual([
      'text/csv; charset=utf-8',
      `attachment; filename="survey-${id}-responses.csv"`,
      'no-store',
    ]);
    // A draft has no answers: the header line alone (fetch reads the byte-order mark away).
    expect(csv.body).toBe('phone,question,language,school,grade,kind,answer,original,translation,answeredAt\r\n');
    expect((await as('district admin', other).post(`/api/v1/surveys/${id}/close`)).status).toBe(404);
    expect((await as('district admin', other).put(`/api/v1/surveys/${id}/translations/es`, SPANISH)).status).toBe(404);
  });

  it('refuses a school-level author an audience in another school', async () => {
    expect((await draft({ audience: { schoolIds: [d.schools.south] } }, 'north staff')).status).toBe(404);
    expect((await draft({ audience: { contactIds: [d.contacts.southVi] } }, 'north staff')).status).toBe(400);
  });

  it('previews each language with its origin and numbered options, holds while one is missing, and sends', async () => {
    const id = (await draft({})).body.id;
    const before = await as('district admin').get(`/api/v1/surveys/${id}/preview`);
    expect(before.status).toBe(200);
    expect(before.body.recipients).toEqual({ total: 5, byLanguage: { en: 2, es: 2, vi: 1 } });
    const en = before.body.translations.find((t: { language: string }) => t.language === 'en');
    expect(en).toMatchObject({ origin: 'source', status: 'ready' });
    expect(en.body).toBe('We want to hear from you.\n\n(1/3) When can you come to a meeting?\n1. Morning\n2. Afternoon\n3. Evening\nReply 1, 2 or 3');
    expect(en.questions[1].body).toBe('(2/3) Does your child ride the bus?\nReply YES or NO');
    expect(before.body.translations.find((t: { language: string }) => t.language === 'es')).toMatchObject({ status: 'missing', body: null });
    expect((await as('district admin').post(`/api/v1/surveys/${id}/send`)).status).toBe(409);

    const es = await as('district admin').put(`/api/v1/surveys/${id}/translations/es`, SPANISH);
    expect(es.status).toBe(200);
    expect(es.body).toMatchObject({ language: 'es', origin: 'human', status: 'ready' });
    expect(es.body.body).toBe('Queremos saber su opinión.\n\n(1/3) ¿Cuándo puede venir a una reunión?\n1. Mañana\n2. Tarde\n3. Noche\nResponda 1, 2 o 3');
    expect((await as('district admin').put(`/api/v1/surveys/${id}/translations/es`, { questions: [{ key: 'nope', text: 'x' }] })).status).toBe(400);
    expect((await as('district admin').put(`/api/v1/surveys/${id}/translations/en`, SPANISH)).status).toBe(400);

    // The memory proposes what a person wrote for the same texts: a second survey's Spanish is ready at once.
    const again = (await draft({})).body.id;
    const remembered = (await as('district admin').get(`/api/v1/surveys/${again}/preview`)).body.translations.find(
      (t: { language: string }) => t.language === 'es',
    );
    expect(remembered).toMatchObject({ origin: 'memory', status: 'ready' });

    await as('district admin').put(`/api/v1/surveys/${id}/translations/vi`, MEETING_SURVEY_TRANSLATIONS.vi);
    const sent = await as('district admin').post(`/api/v1/surveys/${id}/send`);
    expect(sent.status).toBe(202);
    expect(sent.body.status).toBe('translating');
    expect((await as('district admin').post(`/api/v1/surveys/${id}/send`)).status).toBe(409);
    expect((await as('district admin').put(`/api/v1/surveys/${id}/translations/es`, SPANISH)).status).toBe(409);

    const opened = await TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, async () => ({
      prepared: await new PrepareSurveyUseCase(
        spec.db,
        spec.jobs,
        new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } }),
      ).execute(id),
      fanOut: await new FanOutSurveyUseCase(spec.db, spec.jobs).execute(id),
    }));
    expect(opened).toEqual({ prepared: 'ready', fanOut: { recipients: 5, started: 5 } });
    const messages = await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`select phone, language, body, survey_step, status from messages where survey_id = $1 order by phone`, [id]),
    );
    expect(messages).toHaveLength(5);
    expect(messages.every((row: { survey_step: string; status: string }) => row.survey_step === 'q:time' && row.status === 'queued')).toBe(true);
    expect(messages.find((row: { phone: string }) => row.phone === d.phones.southVi).body).toContain('Trả lời 1, 2 hoặc 3');
    expect((await as('district admin').get(`/api/v1/surveys/${id}`)).body).toMatchObject({ status: 'open', stats: { recipients: 5, asking: 5 } });
    expect((await as('north staff').get(`/api/v1/surveys/${id}`)).body.stats).toMatchObject({ recipients: 3 });
  });

  it('with an engine, previews the machine’s words for each language before sending, the text the families will get', async () => {
    const engine = await new PhraseTranslatorServer({
      'en>es': { 'Does your child ride the bus?': '¿Su hijo viaja en el autobús?' },
      'en>vi': { 'Does your child ride the bus?': 'Con bạn có đi xe buýt không?' },
    }).start();
    try {
      const withEngine = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755511' });
      await spec.db.txFor(withEngine.fixture.tenantId, (m) =>
        m.query(`update tenants set translation = translation || $2::jsonb where id = $1`, [
          withEngine.fixture.tenantId,
          JSON.stringify({ provider: 'libretranslate', url: engine.url }),
        ]),
      );
      const admin = as('district admin', withEngine);
      const created = await admin.post('/api/v1/surveys', {
        title: 'Buses',
        sourceLanguage: 'en',
        audience: { all: true },
        questions: [QUESTIONS[1]],
      });
      expect(created.status).toBe(201);
      const preview = await admin.get(`/api/v1/surveys/${String(created.body.id)}/preview`);
      expect(preview.status).toBe(200);
      const es = preview.body.translations.find((t: { language: string }) => t.language === 'es');
      expect(es).toMatchObject({ origin: 'machine', status: 'ready' });
      expect(es.questions[0].body).toContain('¿Su hijo viaja en el autobús?');
      // Asked once per text and language, whatever the number of families; a second look asks nothing.
      const asked = engine.requests.length;
      expect(asked).toBeGreaterThan(0);
      await admin.get(`/api/v1/surveys/${String(created.body.id)}/preview`);
      expect(engine.requests).toHaveLength(asked);
    } finally {
      await engine.stop();
    }
  });
});
