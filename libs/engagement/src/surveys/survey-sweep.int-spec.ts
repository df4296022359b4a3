import { JobName, jobId, QueueName, StaffPrincipal } from '@porchlight/contracts';
import { SecretBox } from '@porchlight/identity';
import { Reconciler } from '@porchlight/messaging';
import { Handler, WorkerHost } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  MEETING_SURVEY,
  MEETING_SURVEY_TRANSLATIONS,
  TEST_REDIS_URL,
  TEST_SECRETS_KEY,
  TwoSchoolDistrict,
  useIntegration,
  waitFor,
} from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import IORedis from 'ioredis';
import { FanOutSurveyUseCase } from './fan-out-survey.use-case';
import { PrepareSurveyUseCase } from './prepare-survey.use-case';
import { SurveySweep } from './survey-sweep';
import { SurveysUseCases } from './surveys.use-cases';
import { CreateSurveyInput } from './survey.types';

// Many round trips through Postgres per test; the machine may be shared and busy.
jest.setTimeout(120_000);

const HOUR = 3_600_000;

/**
 * A sent survey whose job Redis lost (restarted without persistence, flushed, evicted): the
 * dispatcher's survey sweep adds it again under the same id, so the survey opens at its time and
 * once, a survey sent for later gets its delayed job back and does not open early, and a closed
 * survey gets nothing. Each test has a district of its own (one survey asks a phone at a time).
 * Time is driven by the survey's row, as in the schedule spec: the sweep's grace is spent by
 * moving `prepared_at` back, "its time has come" is its `scheduled_at` moved into the past.
 */
describe('Survey sweep: sent surveys whose job Redis lost (Postgres, Redis)', () => {
  const spec = useIntegration('survey-sweep', { poolSize: 3, tenant: false });
  let districts = 0;
  let sweep: SurveySweep;
  const translator = () => new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } });

  beforeAll(() => {
    sweep = new SurveySweep(spec.db, spec.jobs);
  });

  /** A district of five phones, and its admin. */
  async function district(): Promise<{ d: TwoSchoolDistrict; admin: StaffPrincipal }> {
    districts += 1;
    const d = await createTwoSchoolDistrict(spec.db, { phonePrefix: `+1617556${String(districts).padStart(2, '0')}` });
    return { d, admin: { userId: d.fixture.adminId, tenantId: d.fixture.tenantId, role: 'district_admin', schoolIds: [], language: 'en' } };
  }

  const inTenant = <T>(d: TwoSchoolDistrict, work: () => Promise<T>) => TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, work);
  const q = (d: TwoSchoolDistrict, sql: string, params: unknown[] = []) => spec.db.txFor(d.fixture.tenantId, (m) => m.query(sql, params));
  const sweepTenant = (d: TwoSchoolDistrict) => inTenant(d, () => sweep.sweepTenant(d.fixture.tenantId));
  const fanOutJob = (id: string) => spec.jobs.queue(QueueName.Dispatch).getJob(jobId.fanOutSurvey(id));

  /** Writes, translates and sends a survey; `prepare` also runs the translation app's step (which adds the fan-out job). */
  async function sent(d: TwoSchoolDistrict, admin: StaffPrincipal, input: Partial<CreateSurveyInput>, prepare = true): Promise<string> {
    return inTenant(d, async () => {
      const surveys = new SurveysUseCases(spec.db, spec.jobs, translator());
      const created = await surveys.create(admin, {
        title: 'Conferences',
        sourceLanguage: 'en',
        audience: { all: true },
        ...MEETING_SURVEY,
        ...input,
      } as CreateSurveyInput);
      for (const language of ['es', 'vi'] as const) await surveys.putTranslation(admin, created.id, language, MEETING_SURVEY_TRANSLATIONS[language]);
      await surveys.send(admin, created.id);
      if (prepare) expect(await new PrepareSurveyUseCase(spec.db, spec.jobs, translator()).execute(created.id)).toBe('ready');
      return created.id;
    });
  }

  /** The sweep's grace has passed since the survey was sent and prepared. */
  const graceSpent = (d: TwoSchoolDistrict, id: string) =>
    q(d, `update surveys set send_requested_at = now() - interval '5 minutes', prepared_at = now() - interval '5 minutes' where id = $1`, [id]);

  /** The survey's time has come (on the database's clock). */
  const timeComes = (d: TwoSchoolDistrict, id: string) => q(d, `update surveys set scheduled_at = now() - interval '1 second' where id = $1`, [id]);

  /** Redis loses the survey's fan-out job. */
  async function loseFanOutJob(id: string): Promise<void> {
    await (await fanOutJob(id))?.remove();
    expect(await fanOutJob(id)).toBeUndefined();
  }

  /** The first questions written for the survey, by phone. */
  const firstQuestions = async (d: TwoSchoolDistrict, id: string) =>
    (await q(d, `select phone, count(*)::int as n from messages where survey_id = $1 and survey_step = 'q:time' group by phone order by phone`, [id])).map(
      (row: { phone: string; n: number }) => [row.phone, row.n],
    );
  const everyPhoneOnce = (d: TwoSchoolDistrict) =>
    Object.values(d.phones)
      .sort()
      .map((phone) => [phone, 1]);

  /**
   * Runs the dispatcher's fan-out worker (as the dispatcher does: each job in its tenant's
   * context) until the survey is open and its job done; returns how many times the job ran.
   */
  async function dispatchUntilOpen(d: TwoSchoolDistrict, id: string): Promise<number> {
    let runs = 0;
    const fanOut = new FanOutSurveyUseCase(spec.db, spec.jobs);
    const handler: Handler<JobName.FanOutSurvey> = {
      handle: async (data) => {
        if (data.surveyId === id) runs += 1;
        await fanOut.execute(data.surveyId);
      },
    };
    const connections: IORedis[] = [];
    const host = new WorkerHost(
      () => {
        const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
        connections.push(connection);
        return connection;
      },
      new Map([[JobName.FanOutSurvey, handler as Handler<JobName>]]),
      { concurrency: 2, prefix: spec.prefix, shutdownGraceMs: 5_000 },
    );
    host.start([QueueName.Dispatch]);
    try {
      await waitFor('the survey opened and its fan-out job done', async () => {
        const [survey] = await q(d, `select status from surveys where id = $1`, [id]);
        return survey.status === 'open' && (await fanOutJob(id)) === undefined;
      });
    } finally {
      await host.close();
      for (const connection of connections) connection.disconnect();
    }
    return runs;
  }

  it('opens a survey whose time has passed and whose job was lost, once, even when the sweep runs twice', async () => {
    const { d, admin } = await district();
    const id = await sent(d, admin, { scheduledAt: new Date(Date.now() + HOUR).toISOString() });
    await graceSpent(d, id);
    await timeComes(d, id);
    await loseFanOutJob(id);

    expect(await sweepTenant(d)).toMatchObject({ requeued: 1, reprepared: 0 });
    const job = await fanOutJob(id);
    expect(job?.data).toMatchObject({ surveyId: id, tenantId: d.fixture.tenantId });
    expect(job?.opts.delay ?? 0).toBe(0);
    // The job is there: a second sweep adds nothing.
    expect(await sweepTenant(d)).toMatchObject({ requeued: 0 });

    expect(await dispatchUntilOpen(d, id)).toBe(1);
    expect(await firstQuestions(d, id)).toEqual(everyPhoneOnce(d));
    // Open, it is no longer the sweep's to re-add.
    expect(await sweepTenant(d)).toMatchObject({ requeued: 0 });
    expect(await fanOutJob(id)).toBeUndefined();
  });

  it('leaves a job that was not lost alone: the survey opens once, at its time', async () => {
    const { d, admin } = await district();
    const id = await sent(d, admin, { scheduledAt: new Date(Date.now() + HOUR).toISOString() });
    await graceSpent(d, id);
    const before = await fanOutJob(id);
    expect(await before?.getState()).toBe('delayed');

    expect(await sweepTenant(d)).toMatchObject({ requeued: 0 });
    await timeComes(d, id);
    expect(await sweepTenant(d)).toMatchObject({ requeued: 0 });
    const after = await fanOutJob(id);
    // The same job, still waiting for the survey's time as first asked.
    expect(after?.timestamp).toBe(before?.timestamp);
    expect(after?.opts.delay).toBe(before?.opts.delay);
    expect(await firstQuestions(d, id)).toEqual([]);

    // The queue releases it when its delay ends.
    await after?.promote();
    expect(await dispatchUntilOpen(d, id)).toBe(1);
    expect(await firstQuestions(d, id)).toEqual(everyPhoneOnce(d));
  });

  it('gives a survey sent for later its delayed job back when Redis lost it, and does not send it early', async () => {
    const { d, admin } = await district();
    const id = await sent(d, admin, { scheduledAt: new Date(Date.now() + 3 * HOUR).toISOString() });
    await graceSpent(d, id);
    // Every key of the dispatch queue gone, as after a flush.
    await spec.jobs.queue(QueueName.Dispatch).obliterate({ force: true });
    expect(await fanOutJob(id)).toBeUndefined();

    expect(await sweepTenant(d)).toMatchObject({ requeued: 1 });
    const job = await fanOutJob(id);
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBeGreaterThan(3 * HOUR - 5 * 60_000);
    expect(job?.opts.delay).toBeLessThanOrEqual(3 * HOUR);
    expect(await sweepTenant(d)).toMatchObject({ requeued: 0 });
    expect(await firstQuestions(d, id)).toEqual([]);
    expect(await q(d, `select status from surveys where id = $1`, [id])).toEqual([{ status: 'translating' }]);
  });

  it('does not re-add the job of a closed survey, and closes rather than opens one whose closing time passed while its job was lost', async () => {
    const { d, admin } = await district();
    const closed = await sent(d, admin, { scheduledAt: new Date(Date.now() + HOUR).toISOString() });
    await inTenant(d, () => new SurveysUseCases(spec.db, spec.jobs, translator()).close(admin, closed));
    await graceSpent(d, closed);
    await timeComes(d, closed);
    await loseFanOutJob(closed);

    const late = await sent(d, admin, { scheduledAt: new Date(Date.now() + HOUR).toISOString(), closesAt: new Date(Date.now() + 2 * HOUR).toISOString() });
    await graceSpent(d, late);
    await q(d, `update surveys set scheduled_at = now() - interval '2 hours', closes_at = now() - interval '1 hour' where id = $1`, [late]);
    await loseFanOutJob(late);

    expect(await sweepTenant(d)).toMatchObject({ closed: 1, requeued: 0 });
    expect(await fanOutJob(closed)).toBeUndefined();
    expect(await fanOutJob(late)).toBeUndefined();
    expect(await q(d, `select status from surveys where id = any($1::uuid[]) order by status`, [[closed, late]])).toEqual([
      { status: 'closed' },
      { status: 'closed' },
    ]);
    expect(await firstQuestions(d, closed)).toEqual([]);
    expect(await firstQuestions(d, late)).toEqual([]);
  });

  it('re-adds the preparation of a sent survey whose translation job was lost, which then adds its fan-out job', async () => {
    const { d, admin } = await district();
    const id = await sent(d, admin, {}, false);
    const prepareJob = () => spec.jobs.queue(QueueName.Translation).getJob(jobId.translateSurvey(id));
    expect(await prepareJob()).toBeDefined();
    // Within the grace nothing is looked at; then the job is found there and left alone.
    expect(await sweepTenant(d)).toMatchObject({ reprepared: 0 });
    await graceSpent(d, id);
    await q(d, `update surveys set prepared_at = null where id = $1`, [id]);
    expect(await sweepTenant(d)).toMatchObject({ reprepared: 0, requeued: 0 });

    await (await prepareJob())?.remove();
    expect(await sweepTenant(d)).toMatchObject({ reprepared: 1, requeued: 0 });
    expect((await prepareJob())?.data).toMatchObject({ surveyId: id, tenantId: d.fixture.tenantId });
    expect(await sweepTenant(d)).toMatchObject({ reprepared: 0 });

    expect(await inTenant(d, () => new PrepareSurveyUseCase(spec.db, spec.jobs, translator()).execute(id))).toBe('ready');
    expect(await fanOutJob(id)).toBeDefined();
    expect(await dispatchUntilOpen(d, id)).toBe(1);
    expect(await firstQuestions(d, id)).toEqual(everyPhoneOnce(d));
  });

  it('needs nothing of the sweep once opened: first questions whose jobs were lost are the messaging reconciler’s', async () => {
    const { d, admin } = await district();
    const id = await sent(d, admin, {});
    await graceSpent(d, id);
    expect(await dispatchUntilOpen(d, id)).toBe(1);
    // Redis loses everything after the fan-out committed: the survey is open, its first questions are rows.
    await spec.jobs.queue(QueueName.Delivery).obliterate({ force: true });
    await q(d, `update messages set updated_at = now() - interval '5 minutes' where survey_id = $1`, [id]);

    expect(await sweepTenant(d)).toMatchObject({ requeued: 0, reprepared: 0 });
    const reconciler = new Reconciler(spec.db, spec.jobs, { staleAfterSeconds: 30, sendingStaleAfterSeconds: 120, statusStaleAfterSeconds: 900 }, null);
    expect(await inTenant(d, () => reconciler.sweepTenant(d.fixture.tenantId))).toMatchObject({ messages: 5 });
    const ids: { id: string }[] = await q(d, `select id from messages where survey_id = $1`, [id]);
    const alive = await spec.jobs.existing(
      QueueName.Delivery,
      ids.map((row) => jobId.sendMessage(row.id)),
    );
    expect(alive.size).toBe(5);
    expect(await firstQuestions(d, id)).toEqual(everyPhoneOnce(d));
  });
});
