import { jobId, QueueName } from '@porchlight/contracts';
import { FanOutSurveyUseCase, PrepareSurveyUseCase } from '@porchlight/engagement';
import { SecretBox } from '@porchlight/identity';
import { RetryLaterError } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  InProcessApi,
  MEETING_SURVEY,
  MEETING_SURVEY_TRANSLATIONS,
  startInProcessApi,
  TEST_SECRETS_KEY,
  TwoSchoolDistrict,
  useIntegration,
} from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

// Many round trips through Postgres per test; the machine may be shared and busy.
jest.setTimeout(60_000);

const HOUR = 3_600_000;

/**
 * A survey sent for later (`scheduledAt`): validated like a time that names one instant in the
 * future, prepared at once, opened by a fan-out job delayed until its time and never before it,
 * not at all once closed; another district sees none of it. Time is driven by the survey's row:
 * "its time has come" is its `scheduled_at` moved into the past and its delayed job promoted, as
 * the queue would when the delay ends.
 */
describe('Surveys API: sending a survey for later (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('survey-schedule', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let other: TwoSchoolDistrict;
  const as = (viewer: string, district = d) => api.as(district.viewer(viewer).token);
  const draft = (body: object, district = d) =>
    as('district admin', district).post('/api/v1/surveys', {
      title: 'Conferences',
      sourceLanguage: 'en',
      audience: { all: true },
      intro: 'We want to hear from you.',
      questions: MEETING_SURVEY.questions,
      ...body,
    });
  const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

  /** Translates, sends and prepares a draft: what the API and the translation app do before the dispatcher. */
  async function sendAndPrepare(id: string, district = d): Promise<string> {
    for (const language of ['es', 'vi'] as const)
      expect((await as('district admin', district).put(`/api/v1/surveys/${id}/translations/${language}`, MEETING_SURVEY_TRANSLATIONS[language])).status).toBe(
        200,
      );
    const sent = await as('district admin', district).post(`/api/v1/surveys/${id}/send`);
    expect(sent.status).toBe(202);
    return TenantContext.run({ tenantId: district.fixture.tenantId, correlationId: 'spec' }, () =>
      new PrepareSurveyUseCase(spec.db, spec.jobs, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } })).execute(id),
    );
  }

  const fanOut = (id: string, district = d) =>
    TenantContext.run({ tenantId: district.fixture.tenantId, correlationId: 'spec' }, () => new FanOutSurveyUseCase(spec.db, spec.jobs).execute(id));

  const fanOutJob = (id: string) => spec.jobs.queue(QueueName.Dispatch).getJob(jobId.fanOutSurvey(id));

  /** What went out for the survey: its recipients and its messages. */
  const sentFor = (id: string, district = d) =>
    spec.db.txFor(district.fixture.tenantId, async (m) => ({
      recipients: Number((await m.query(`select count(*)::int as n from survey_recipients where survey_id = $1`, [id]))[0].n),
      messages: Number((await m.query(`select count(*)::int as n from messages where survey_id = $1`, [id]))[0].n),
    }));

  /** The survey's time comes: its row says so, and the queue releases its delayed job. */
  async function timeComes(id: string, district = d): Promise<void> {
    await spec.db.txFor(district.fixture.tenantId, (m) => m.query(`update surveys set scheduled_at = now() - interval '1 second' where id = $1`, [id]));
    const job = await fanOutJob(id);
    if (job && (await job.getState()) === 'delayed') await job.promote();
  }

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755531' });
    other = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755532' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
  });

  spec.onTeardown(() => api.close());

  it.each([
    ['a time that is not ISO 8601', { scheduledAt: 'tomorrow at eight' }],
    ['a time without its offset', { scheduledAt: '2031-03-02T08:00:00' }],
    ['a time in the past', { scheduledAt: '2020-01-01T08:00:00Z' }],
    ['an impossible date', { scheduledAt: '2031-02-30T08:00:00Z' }],
  ])('refuses %s with 400 naming scheduledAt', async (_, body) => {
    const response = await draft(body);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'scheduledAt' })]));
  });

  it('refuses a survey that would close before it opens', async () => {
    const response = await draft({ scheduledAt: inHours(3), closesAt: inHours(2) });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'closesAt' })]);
  });

  it('is not sent before its time and is sent when it comes; another district sees none of it', async () => {
    const at = new Date(Date.now() + 2 * HOUR);
    // Written on a district's clock with its offset: the same instant.
    const created = await draft({ scheduledAt: at.toISOString().replace('Z', '+00:00') });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(Date.parse(created.body.scheduledAt)).toBe(at.getTime());
    expect((await as('district admin').get('/api/v1/surveys')).body.find((s: { id: string }) => s.id === id)).toMatchObject({ scheduledAt: at.toISOString() });

    expect(await sendAndPrepare(id)).toBe('ready');
    // The dispatcher's job waits in the queue until the survey's time, under the survey's own id.
    const job = await fanOutJob(id);
    expect(job).toBeDefined();
    expect(await job?.getState()).toBe('delayed');
    expect(job?.data).toMatchObject({ surveyId: id, tenantId: d.fixture.tenantId });
    expect(job?.opts.delay).toBeGreaterThan(2 * HOUR - 5 * 60_000);
    expect(job?.opts.delay).toBeLessThanOrEqual(2 * HOUR);

    // Run early (by anything), the fan-out opens nothing and its job waits again until the survey's time.
    const early: unknown = await fanOut(id).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(RetryLaterError);
    expect((early as RetryLaterError).delayMs).toBeGreaterThan(2 * HOUR - 5 * 60_000);
    expect((early as RetryLaterError).delayMs).toBeLessThanOrEqual(2 * HOUR);
    expect(await sentFor(id)).toEqual({ recipients: 0, messages: 0 });
    expect((await as('district admin').get(`/api/v1/surveys/${id}`)).body).toMatchObject({ status: 'translating', scheduledAt: at.toISOString() });

    // Another district: not found, not listed, not closable.
    expect((await as('district admin', other).get(`/api/v1/surveys/${id}`)).status).toBe(404);
    expect((await as('district admin', other).post(`/api/v1/surveys/${id}/close`)).status).toBe(404);
    expect((await as('district admin', other).get('/api/v1/surveys')).body.map((s: { id: string }) => s.id)).not.toContain(id);

    await timeComes(id);
    expect(await (await fanOutJob(id))?.getState()).toBe('waiting');
    expect(await fanOut(id)).toEqual({ recipients: 5, started: 5 });
    expect(await sentFor(id)).toEqual({ recipients: 5, messages: 5 });
    expect((await as('district admin').get(`/api/v1/surveys/${id}`)).body).toMatchObject({ status: 'open', stats: { recipients: 5, asking: 5 } });
    // The other district's families got nothing of it.
    expect(await sentFor(id, other)).toEqual({ recipients: 0, messages: 0 });
  });

  it('once closed before its time, never goes out', async () => {
    const id: string = (await draft({ scheduledAt: inHours(1) })).body.id;
    expect(await sendAndPrepare(id)).toBe('ready');
    expect(await (await fanOutJob(id))?.getState()).toBe('delayed');
    const closed = await as('district admin').post(`/api/v1/surveys/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    await timeComes(id);
    expect(await fanOut(id)).toEqual({ recipients: 0, started: 0 });
    expect(await sentFor(id)).toEqual({ recipients: 0, messages: 0 });
    expect((await as('district admin').get(`/api/v1/surveys/${id}`)).body.status).toBe('closed');
  });

  it('without scheduledAt, opens as soon as it is ready, as before', async () => {
    const created = await draft({});
    expect(created.body.scheduledAt).toBeNull();
    const id: string = created.body.id;
    expect(await sendAndPrepare(id)).toBe('ready');
    const job = await fanOutJob(id);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.opts.delay ?? 0).toBe(0);
    // Opened at once; its first question waits for the phones the earlier survey still asks.
    expect((await fanOut(id)).recipients).toBe(5);
    expect((await as('district admin').get(`/api/v1/surveys/${id}`)).body).toMatchObject({ status: 'open', stats: { recipients: 5, waiting: 5 } });
  });
});
