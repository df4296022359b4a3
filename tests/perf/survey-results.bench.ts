/**
 * Survey results benchmark (not a test): a three-question survey (a choice, a yes/no, a 1–5
 * scale) answered by 100,000 phones in six languages and 20 schools, a tenth of them having
 * answered a question twice (the latest counts), written straight to Postgres; then
 * `GET /surveys/:id/results` as the API computes it — overall, `by=language` and `by=school` — and
 * the CSV of every response, read as a stream to its end. Prints p50/p95 per call and the ratio to a baseline measured in the
 * same process: one `count(*)` over the survey's answers (reading every answer once, nothing else).
 * Runs on its own database, dropped at the end.
 *
 *   npm run bench:survey-results      (PHONES overrides the size, RUNS the tries; KEEP_DATABASE=1 keeps it)
 *   DATABASE=porchlight_bench_survey_… node dist/tests/perf/survey-results.bench.js
 *                                     (measures again on a kept database, seeded before: no seeding, kept at the end;
 *                                     ONLY=responses.csv measures that call alone)
 */
import * as os from 'node:os';
import { StaffPrincipal } from '@porchlight/contracts';
import { createDataSource, setupDatabase, TenantDb } from '@porchlight/database';
import { SurveyCsvUseCase, SurveyResultsUseCase } from '@porchlight/engagement';
import { TenantContext } from '@porchlight/tenancy';
import { createTenantFixture, databaseUrlFor, dropDatabase, randomHex, TEST_ADMIN_URL } from '@porchlight/testing';

const PHONES = Number(process.env.PHONES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 15);
const SCHOOLS = 20;
const QUESTIONS = [
  {
    key: 'time',
    text: 'When?',
    kind: 'choice',
    options: [
      { key: '1', label: 'Morning' },
      { key: '2', label: 'Afternoon' },
      { key: '3', label: 'Evening' },
    ],
  },
  { key: 'bus', text: 'Bus?', kind: 'yesno' },
  { key: 'happy', text: 'Happy?', kind: 'scale', scale: { min: 1, max: 5 } },
];

const percentile = (times: number[], p: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function time(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work(); // warm: plans cached, pages in memory
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

let csvBytes = 0;
let csvChunk = 0;

/** The CSV read to its end as the API sends it, chunk by chunk, keeping none of it. */
async function readCsv(csv: SurveyCsvUseCase, admin: StaffPrincipal, surveyId: string): Promise<void> {
  const { stream } = await csv.open(admin, surveyId);
  csvBytes = 0;
  for await (const chunk of stream) {
    csvBytes += (chunk as Buffer).length;
    csvChunk = Math.max(csvChunk, (chunk as Buffer).length);
  }
}

async function seed(db: TenantDb, tenantId: string, adminId: string): Promise<string> {
  return db.txFor(tenantId, async (m) => {
    const schools: string[] = [];
    for (let s = 0; s < SCHOOLS; s++)
      schools.push((await m.query(`insert into schools (tenant_id, name) values ($1, $2) returning id`, [tenantId, `School ${s}`]))[0].id);
    const [survey] = await m.query(
      `insert into surveys (tenant_id, author_user_id, title, source_language, audience, questions, status, opened_at)
       values ($1, $2, 'Bench', 'en', '{"all":true}', $3, 'open', now() - interval '2 days') returning id`,
      [tenantId, adminId, JSON.stringify(QUESTIONS)],
    );
    await m.query(
      `insert into survey_recipients (tenant_id, survey_id, phone, language, school_ids, grades, roles, status, started_at)
       select $1, $2, '+1617' || lpad(i::text, 7, '0'), (array['en','es','vi','ar','so','zh-Hans'])[1 + i % 6],
         array[($3::uuid[])[1 + i % ${SCHOOLS}]], array[lpad((i % 12)::text, 2, '0')], array['parent'], 'done', now() - interval '2 days'
       from generate_series(1, $4) i`,
      [tenantId, survey.id, schools, PHONES],
    );
    await m.query(
      `insert into messages (tenant_id, survey_id, survey_step, direction, kind, phone, language, body, status, created_at)
       select $1, $2, 'q:time', 'outbound', 'survey', phone, language, 'When?', case when random() < 0.97 then 'delivered' else 'undelivered' end, now() - interval '2 days'
       from survey_recipients where survey_id = $2`,
      [tenantId, survey.id],
    );
    // Three answers per phone (a tenth answered the choice twice: the later one counts), each an inbound message.
    await m.query(
      `with answers as (
         select r.id as recipient_id, r.phone, r.language, q.key, q.n, g.again,
           case q.key when 'time' then ((abs(hashtext(r.phone || g.again)) % 3) + 1)::text when 'bus' then (array['yes','no'])[1 + abs(hashtext(r.phone)) % 2] end as option_key,
           case when q.key = 'happy' then 1 + abs(hashtext(r.phone || 'h')) % 5 end as value
         from survey_recipients r
         cross join (values ('time', 0), ('bus', 1), ('happy', 2)) q(key, n)
         cross join lateral (select 0 as again union all select 1 where q.key = 'time' and abs(hashtext(r.phone)) % 10 = 0) g
         where r.survey_id = $2
       ),
       inbound as (
         insert into messages (tenant_id, direction, kind, phone, language, body, status, processed_at, created_at)
         select $1, 'inbound', 'inbound', phone, language, coalesce(option_key, value::text), 'received', now(), now() - interval '1 day' + make_interval(mins => n * 5 + again * 60)
         from answers returning id, phone, created_at
       )
       insert into survey_answers (tenant_id, survey_id, recipient_id, phone, question_key, message_id, kind, option_key, value, confidence, matched_by, counted, created_at)
       select $1, $2, a.recipient_id, a.phone, a.key, i.id, 'answer', a.option_key, a.value, 1, 'number', true, i.created_at
       from answers a join inbound i on i.phone = a.phone and i.created_at = now() - interval '1 day' + make_interval(mins => a.n * 5 + a.again * 60)`,
      [tenantId, survey.id],
    );
    // What the answer write and the status callbacks keep for results: each phone's latest counted answer per question, and who was delivered to.
    await m.query(
      `insert into survey_latest_answers (tenant_id, survey_id, recipient_id, phone, question_key, answer_id, message_id, kind, option_key, value, created_at)
       select distinct on (a.recipient_id, a.question_key) a.tenant_id, a.survey_id, a.recipient_id, a.phone, a.question_key, a.id, a.message_id, a.kind, a.option_key, a.value, a.created_at
       from survey_answers a where a.survey_id = $1 and a.counted
       order by a.recipient_id, a.question_key, a.created_at desc, a.id desc`,
      [survey.id],
    );
    await m.query(
      `update survey_recipients r set delivered = exists (select 1 from messages msg where msg.survey_id = $1 and msg.phone = r.phone and msg.direction = 'outbound' and msg.status = 'delivered'),
         responded = exists (select 1 from survey_latest_answers l where l.recipient_id = r.id)
       where r.survey_id = $1`,
      [survey.id],
    );
    return survey.id as string;
  });
}

async function main(): Promise<void> {
  console.log(
    `load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  const reused = process.env.DATABASE;
  const database = reused ?? `porchlight_bench_survey_${randomHex(3)}`;
  const url = databaseUrlFor(database);
  const ownerUrl = new URL(TEST_ADMIN_URL);
  ownerUrl.pathname = `/${database}`;
  if (!reused) await setupDatabase({ databaseUrl: url, adminUrl: TEST_ADMIN_URL });
  const dataSource = await createDataSource({ url, applicationName: 'survey-results-bench', poolSize: 2 }).initialize();
  const db = new TenantDb(dataSource);
  try {
    let t = Date.now();
    let tenantId: string, adminId: string, surveyId: string;
    if (reused) {
      // The bench's survey, as the owner finds it (across tenants): the one seeded before.
      const owner = await createDataSource({ url: ownerUrl.toString(), applicationName: 'survey-results-bench-find', poolSize: 1 }).initialize();
      const [found] = (await owner.query(`select id, tenant_id, author_user_id from surveys where title = 'Bench' order by created_at desc limit 1`)) as {
        id: string;
        tenant_id: string;
        author_user_id: string;
      }[];
      await owner.destroy();
      if (!found) throw new Error(`no bench survey in ${database}`);
      [tenantId, adminId, surveyId] = [found.tenant_id, found.author_user_id, found.id];
    } else {
      const fixture = await createTenantFixture(db);
      [tenantId, adminId] = [fixture.tenantId, fixture.adminId];
      surveyId = await seed(db, tenantId, adminId);
      // What autovacuum would have done by now: the owner gathers statistics (the application role may not).
      const owner = await createDataSource({ url: ownerUrl.toString(), applicationName: 'survey-results-bench-analyze', poolSize: 1 }).initialize();
      await owner.query(`analyze survey_recipients; analyze survey_answers; analyze survey_latest_answers; analyze messages`);
      await owner.destroy();
    }
    const admin: StaffPrincipal = { userId: adminId, tenantId, role: 'district_admin', schoolIds: [], language: 'en' };
    const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId, correlationId: 'bench' }, work);
    const [{ n }] = await db.txFor(tenantId, (m) => m.query(`select count(*)::int as n from survey_answers where survey_id = $1`, [surveyId]));
    console.log(`${reused ? 'reused' : 'seeded'} ${database}: ${n} answers in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const results = new SurveyResultsUseCase(db);
    const check = await inTenant(() => results.results(admin, surveyId, 'language'));
    console.log(
      `results: sent ${check.sent}, responded ${check.responded}, time ${JSON.stringify(check.questions[0].counts)}, happy mean ${check.questions[2].mean}, ${check.groups.length} language groups`,
    );

    const baseline = await time(RUNS, () => db.txFor(tenantId, (m) => m.query(`select count(*) from survey_answers where survey_id = $1`, [surveyId])));
    console.log(`baseline (count every answer once): p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms`);
    const calls: [string, () => Promise<unknown>][] = [
      ['results', () => inTenant(() => results.results(admin, surveyId))],
      ['results?by=language', () => inTenant(() => results.results(admin, surveyId, 'language'))],
      ['results?by=school', () => inTenant(() => results.results(admin, surveyId, 'school'))],
      ['responses.csv', () => inTenant(() => readCsv(new SurveyCsvUseCase(db), admin, surveyId))],
    ];
    for (const [name, work] of calls.filter(([name]) => !process.env.ONLY || name === process.env.ONLY)) {
      t = Date.now();
      const figures = await time(name === 'responses.csv' ? Math.min(RUNS, 5) : RUNS, work);
      console.log(`${name}: p50 ${figures.p50.toFixed(0)} ms, p95 ${figures.p95.toFixed(0)} ms, ${(figures.p50 / baseline.p50).toFixed(1)}× baseline`);
      if (name === 'responses.csv')
        console.log(
          `responses.csv: ${(csvBytes / 1e6).toFixed(1)} MB in chunks of at most ${(csvChunk / 1e3).toFixed(0)} kB; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
        );
    }
  } finally {
    await dataSource.destroy();
    console.log(
      `load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
    );
    if (process.env.KEEP_DATABASE || reused) console.log(`kept database ${database}`);
    else await dropDatabase(database);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
