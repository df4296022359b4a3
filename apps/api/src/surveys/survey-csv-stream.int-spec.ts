import { createTwoSchoolDistrict, InProcessApi, startInProcessApi, TwoSchoolDistrict, useIntegration, waitFor } from '@porchlight/testing';
import { IncomingMessage, request } from 'node:http';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createApiApp } from '../bootstrap';

// Seeding a few thousand answers and streaming megabytes; the machine may be shared and busy.
jest.setTimeout(90_000);

/** Phones answering; each line carries a long text, so the file (about 40 MB) outlasts the sockets' buffers. */
const PHONES = 5_000;
const BODY_CHARS = 4_000;

/**
 * Survey CSV downloads that end early (API in-process, Postgres as the application role): a client
 * that goes away part-way, a download that outlasts SURVEY_CSV_MAX_SECONDS, and more downloads at
 * once than SURVEY_CSV_DOWNLOADS_AT_ONCE. Each holds a database connection while it streams; when
 * it ends, however it ends, the API's pool is idle again and the next download is whole.
 */
describe('Survey CSV downloads cut short: connections released, downloads bounded (HTTP, Postgres)', () => {
  const spec = useIntegration('survey-csv-stream', { poolSize: 2, tenant: false });
  let d: TwoSchoolDistrict;
  let surveyId: string;
  let fullBytes: number;

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755509' });
    surveyId = await seedAnsweredSurvey(spec.db.txFor.bind(spec.db), d.fixture.tenantId, d.viewer('district admin').userId);
  });

  /** Starts a download and resolves with its response once the first bytes have come, reading no more until told. */
  function startDownload(api: InProcessApi): Promise<{ response: IncomingMessage; first: number; cancel: () => void }> {
    return new Promise((resolve, reject) => {
      const req = request(`${api.url}/api/v1/surveys/${surveyId}/responses.csv`, { headers: { authorization: `Bearer ${d.viewer('district admin').token}` } });
      req.on('error', reject);
      req.on('response', (response) => {
        response.once('data', (chunk: Buffer) => {
          response.pause();
          resolve({ response, first: chunk.length, cancel: () => req.destroy() });
        });
      });
      req.end();
    });
  }

  /** Reads the rest of a paused download: the bytes read and whether it ended whole (its last chunk came). */
  function readRest(response: IncomingMessage): Promise<{ bytes: number; whole: boolean }> {
    return new Promise((resolve) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, whole: response.complete }));
      response.on('error', () => resolve({ bytes, whole: false }));
      response.on('aborted', () => resolve({ bytes, whole: false }));
      response.on('close', () => resolve({ bytes, whole: response.complete }));
      response.resume();
    });
  }

  const apiPool = (api: InProcessApi) => (api.app.get(DataSource).driver as unknown as { master: Pool }).master;
  /** The API's pool with no connection out (none streaming, none in a transaction). */
  const poolIdle = (api: InProcessApi) => {
    const pool = apiPool(api);
    return pool.totalCount === pool.idleCount && pool.waitingCount === 0;
  };

  async function wholeDownload(api: InProcessApi): Promise<number> {
    const { response, first } = await startDownload(api);
    expect(response.statusCode).toBe(200);
    const rest = await readRest(response);
    expect(rest.whole).toBe(true);
    return first + rest.bytes;
  }

  describe('one download at a time', () => {
    let api: InProcessApi;

    beforeAll(async () => {
      api = await startInProcessApi(createApiApp, { prefix: spec.prefix, env: { SURVEY_CSV_DOWNLOADS_AT_ONCE: '1', DATABASE_POOL_SIZE: '3' } });
      fullBytes = await wholeDownload(api);
      // Each phone's text answer and its translation, and more.
      expect(fullBytes).toBeGreaterThan(PHONES * 2 * (BODY_CHARS - 14));
      await waitFor('the pool to be idle after a whole download', () => poolIdle(api));
    });

    afterAll(() => api.close());

    it('answers a second download 429 with Retry-After while one streams, and releases the connection when its client goes away part-way', async () => {
      const first = await startDownload(api);
      expect(first.response.statusCode).toBe(200);
      // The client reads no more: the API waits on it, its connection out of the pool.
      expect(poolIdle(api)).toBe(false);

      const second = await api.as(d.viewer('district admin').token).get(`/api/v1/surveys/${surveyId}/responses.csv`);
      expect([second.status, second.headers.get('retry-after'), second.body]).toEqual([
        429,
        '5',
        { statusCode: 429, error: 'Too Many Requests', message: 'too many survey downloads at once; try again shortly' },
      ]);

      first.cancel();
      await waitFor('the pool to be idle after the client went away', () => poolIdle(api));
      // The next download is whole: the limit counts it again, the pool has a working connection.
      expect(await wholeDownload(api)).toBe(fullBytes);
      await waitFor('the pool to be idle after the next download', () => poolIdle(api));
    });
  });

  describe('a download that takes too long', () => {
    let api: InProcessApi;

    beforeAll(async () => {
      api = await startInProcessApi(createApiApp, { prefix: spec.prefix, env: { SURVEY_CSV_MAX_SECONDS: '1' } });
    });

    afterAll(() => api.close());

    it('is cut short after SURVEY_CSV_MAX_SECONDS, its connection released, and never answered 500', async () => {
      const slow = await startDownload(api);
      expect(slow.response.statusCode).toBe(200);
      // The reader stalls; the API ends the download on its own.
      await waitFor('the pool to be idle after the time limit', () => poolIdle(api), { timeoutMs: 30_000 });
      const rest = await readRest(slow.response);
      expect(rest.whole).toBe(false);
      expect(slow.first + rest.bytes).toBeLessThan(PHONES * 2 * (BODY_CHARS - 14));
    });
  });
});

/** A two-question survey answered by PHONES phones, written straight to the tables as the answer write keeps them. */
async function seedAnsweredSurvey(
  txFor: <T>(tenantId: string, work: (m: import('typeorm').EntityManager) => Promise<T>) => Promise<T>,
  tenantId: string,
  authorId: string,
): Promise<string> {
  return txFor(tenantId, async (m) => {
    const questions = [
      {
        key: 'time',
        text: 'When?',
        kind: 'choice',
        options: [
          { key: '1', label: 'Morning' },
          { key: '2', label: 'Evening' },
        ],
      },
      { key: 'why', text: 'Why?', kind: 'text' },
    ];
    const [survey] = (await m.query(
      `insert into surveys (tenant_id, author_user_id, title, source_language, audience, questions, status, opened_at)
       values ($1, $2, 'Long answers', 'en', '{"all":true}', $3, 'open', now() - interval '2 days') returning id`,
      [tenantId, authorId, JSON.stringify(questions)],
    )) as { id: string }[];
    await m.query(
      `insert into survey_recipients (tenant_id, survey_id, phone, language, school_ids, grades, roles, status, started_at)
       select $1, $2, '+1999' || lpad(i::text, 7, '0'), 'en', '{}', '{}', array['parent'], 'done', now() - interval '2 days' from generate_series(1, $3) i`,
      [tenantId, survey.id, PHONES],
    );
    await m.query(
      `with answers as (
         select r.id as recipient_id, r.phone, q.key, q.n, case when q.key = 'time' then '1' end as option_key,
           case when q.key = 'time' then '1' else repeat('a long answer ', $3 / 14) end as body
         from survey_recipients r cross join (values ('time', 0), ('why', 1)) q(key, n) where r.survey_id = $2
       ),
       inbound as (
         insert into messages (tenant_id, direction, kind, phone, language, body, translated_body, status, processed_at, created_at)
         select $1, 'inbound', 'inbound', phone, 'en', body, body, 'received', now(), now() - interval '1 day' + make_interval(mins => n)
         from answers returning id, phone, created_at
       ),
       stored as (
         insert into survey_answers (tenant_id, survey_id, recipient_id, phone, question_key, message_id, kind, option_key, confidence, matched_by, counted, created_at)
         select $1, $2, a.recipient_id, a.phone, a.key, i.id, case when a.key = 'time' then 'answer' else 'text' end, a.option_key, 1, 'number', true, i.created_at
         from answers a join inbound i on i.phone = a.phone and i.created_at = now() - interval '1 day' + make_interval(mins => a.n)
         returning *
       )
       insert into survey_latest_answers (tenant_id, survey_id, recipient_id, phone, question_key, answer_id, message_id, kind, option_key, value, created_at)
       select tenant_id, survey_id, recipient_id, phone, question_key, id, message_id, kind, option_key, value, created_at from stored`,
      [tenantId, survey.id, BODY_CHARS],
    );
    return survey.id;
  });
}
