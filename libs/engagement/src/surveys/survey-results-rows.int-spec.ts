import { StaffPrincipal } from '@porchlight/contracts';
import { SecretBox, TenantDirectory, TenantRepository } from '@porchlight/identity';
import { SignedWebhook, TwilioWebhooks } from '@porchlight/messaging';
import { streamCsv } from '@porchlight/database';
import { TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { parse } from 'csv-parse/sync';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { insertAnswer, NewAnswer } from '../data/survey-recipients.repository';
import { csvCell, csvCellSql, SurveyCsvUseCase } from './survey-csv';
import { SurveyDeliveredFlags } from './survey-deliveries';
import { SurveyResultsUseCase } from './survey-results';

const BASE = 'https://porchlight.example.org';
const QUESTIONS = [
  {
    key: 'time',
    text: 'When?',
    kind: 'choice',
    options: [
      { key: '1', label: 'Morning' },
      { key: '2', label: 'Evening' },
    ],
  },
  { key: 'happy', text: 'Happy?', kind: 'scale', scale: { min: 1, max: 5 } },
];

// Many round trips through Postgres per test; the machine may be shared and busy.
jest.setTimeout(60_000);

/**
 * What results read, kept as it is written (Postgres as the application role, RLS on): each
 * recipient's latest counted answer per question, upserted with the answer, and the recipient's
 * delivered flag, set by a status callback; another district sees none of it.
 */
describe('Survey results rows: latest answers and deliveries as they are stored (Postgres)', () => {
  const spec = useIntegration('survey-rows', { poolSize: 3, extraTenants: 1 });
  const admin = (): StaffPrincipal => ({
    userId: spec.fixture.adminId,
    tenantId: spec.fixture.tenantId,
    role: 'district_admin',
    schoolIds: [],
    language: 'en',
  });
  const q = (sql: string, params: unknown[] = [], tenantId = spec.fixture.tenantId) => spec.db.txFor(tenantId, (m) => m.query(sql, params));
  const results = (surveyId: string) => spec.inTenant(() => new SurveyResultsUseCase(spec.db).results(admin(), surveyId));

  /** An open survey (closing at `closesAt`) asking `phones`, each sent its first question. */
  async function survey(phones: string[], closesAt: Date | null = null, tenantId = spec.fixture.tenantId): Promise<{ id: string; recipients: string[] }> {
    const [{ id }] = await q(
      `insert into surveys (tenant_id, title, source_language, audience, questions, status, opened_at, closes_at)
       values ($1, 'Rows', 'en', '{"all":true}', $2, 'open', now() - interval '1 day', $3) returning id`,
      [tenantId, JSON.stringify(QUESTIONS), closesAt],
      tenantId,
    );
    const recipients = await q(
      `insert into survey_recipients (tenant_id, survey_id, phone, language, status, question_key, started_at)
       select $1, $2, p, 'en', 'asking', 'time', now() - interval '1 day' from unnest($3::text[]) with ordinality as t(p, n) order by n returning id`,
      [tenantId, id, phones],
      tenantId,
    );
    return { id: id as string, recipients: recipients.map((r: { id: string }) => r.id) };
  }

  /** A reply from `phone` at `at`, stored as the conversation stores it: the message, then the answer. */
  async function answer(
    s: { id: string; recipients: string[] },
    n: number,
    phone: string,
    at: Date,
    reading: Partial<NewAnswer> & Pick<NewAnswer, 'questionKey'>,
    tenantId = spec.fixture.tenantId,
  ): Promise<void> {
    await spec.db.txFor(tenantId, async (m) => {
      const [message] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, created_at) values ($1, 'inbound', 'inbound', $2, $3, 'received', $4) returning id`,
        [tenantId, phone, reading.optionKey ?? reading.value ?? 'x', at],
      );
      await insertAnswer(m, {
        tenantId,
        surveyId: s.id,
        recipientId: s.recipients[n],
        phone,
        messageId: message.id as string,
        kind: 'answer',
        optionKey: null,
        value: null,
        confidence: 1,
        matchedBy: 'number',
        counted: true,
        createdAt: at,
        ...reading,
      });
    });
  }

  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

  it('counts a phone’s latest answer to a question: a later one replaces it, an earlier one arriving late does not', async () => {
    const phones = ['+16175556101', '+16175556102'];
    const s = await survey(phones);
    await answer(s, 0, phones[0], hoursAgo(5), { questionKey: 'time', optionKey: '1' });
    await answer(s, 0, phones[0], hoursAgo(4), { questionKey: 'happy', value: '2' });
    expect((await results(s.id)).questions[0].counts).toEqual({ '1': 1, '2': 0 });
    await answer(s, 0, phones[0], hoursAgo(3), { questionKey: 'time', optionKey: '2' });
    // Stored after, written before: the answer of three hours ago stays the one counted.
    await answer(s, 0, phones[0], hoursAgo(6), { questionKey: 'time', optionKey: '1' });
    await answer(s, 1, phones[1], hoursAgo(2), { questionKey: 'happy', value: '4' });
    await answer(s, 1, phones[1], hoursAgo(1), { questionKey: 'happy', value: '5' });

    const found = await results(s.id);
    expect(found).toMatchObject({ sent: 2, responded: 2, responseRate: 1 });
    expect(found.questions[0]).toMatchObject({ counts: { '1': 0, '2': 1 }, answered: 1 });
    expect(found.questions[1]).toMatchObject({ counts: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 }, answered: 2, mean: 3.5 });
    const byLanguage = await spec.inTenant(() => new SurveyResultsUseCase(spec.db).results(admin(), s.id, 'language'));
    expect(byLanguage).toMatchObject({ sent: 2, responded: 2, questions: found.questions });
    expect(byLanguage.groups).toEqual([
      { group: 'en', sent: 2, responded: 2, responseRate: 1, counts: { time: { '1': 0, '2': 1 }, happy: found.questions[1].counts }, means: { happy: 3.5 } },
    ]);
    expect(await q(`select count(*)::int as n from survey_answers where survey_id = $1`, [s.id])).toEqual([{ n: 6 }]);
    expect(await q(`select count(*)::int as n from survey_latest_answers where survey_id = $1`, [s.id])).toEqual([{ n: 3 }]);
    const csv = await spec.inTenant(() => new SurveyCsvUseCase(spec.db).csv(admin(), s.id));
    expect(csv.trim().split('\r\n').slice(1)).toEqual([
      expect.stringMatching(/^'\+16175556101,time,en,,,answer,Evening,2,,/),
      expect.stringMatching(/^'\+16175556101,happy,en,,,answer,2,2,,/),
      expect.stringMatching(/^'\+16175556102,happy,en,,,answer,5,5,,/),
    ]);
  });

  it('writes texts with commas, quotes, line breaks and formula characters so they read back as written, never as formulas', async () => {
    const phones = ['+16175556901', '+16175556902'];
    const s = await survey(phones);
    await answer(s, 0, phones[0], hoursAgo(3), { questionKey: 'time', optionKey: '2' });
    await answer(s, 0, phones[0], hoursAgo(2), { questionKey: 'happy', value: '-3' });
    await answer(s, 1, phones[1], hoursAgo(1), { questionKey: 'time', kind: 'comment' });
    const texts = ['=HYPERLINK("http://x"),1', '+1 "quoted"\r\nnext line', '-2\n@SUM(A1)', '\tcmd, "a"'];
    await q(`update messages set body = $2, translated_body = $3 where phone = $1 and body = '2'`, [phones[0], texts[0], texts[1]]);
    await q(`update messages set body = $2 where phone = $1 and body = 'x'`, [phones[1], texts[2]]);
    await q(`update messages set body = $2, translated_body = '' where phone = $1 and body = '-3'`, [phones[0], texts[3]]);

    const csv = await spec.inTenant(() => new SurveyCsvUseCase(spec.db).csv(admin(), s.id));
    expect(csv.startsWith('\uFEFFphone,question,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
    const guard = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
    expect(rows.map((row) => [row[0], row[1], row[5], row[6], row[7], row[8]])).toEqual([
      ['phone', 'question', 'kind', 'answer', 'original', 'translation'],
      [`'${phones[0]}`, 'time', 'answer', 'Evening', guard(texts[0]), guard(texts[1])],
      [`'${phones[0]}`, 'happy', 'answer', "'-3", guard(texts[3]), ''],
      [`'${phones[1]}`, 'time', 'comment', '', guard(texts[2]), ''],
    ]);
    // Every line ends CRLF; a line break inside a text stays as written, inside its quotes.
    expect(csv).toContain(`"'+1 ""quoted""\r\nnext line"`);
    expect(csv).toContain(`"'-2\n@SUM(A1)"`);
    for (const row of rows.slice(1)) expect(row[9]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('writes each cell as csvCell does when Postgres guards it and COPY quotes it: quoted, guarded, both or neither', async () => {
    const values = [
      null,
      '',
      'la tarde',
      'a,b',
      'say "hi"',
      '"',
      'line\nbreak',
      'carriage\rreturn',
      'both\r\n',
      '=1+1',
      '+16175550100',
      '-2',
      '@SUM(A1)',
      '\tcmd',
      '\rfirst',
      "'already",
      ' =not first',
      '=HYPERLINK("http://x"),1',
      '-a, "b"\r\n',
      'é, 中文 «»',
      '😀=,',
      '\\.',
      'back\\slash, "q"',
    ];
    // Each value, and its number after it (a line of one cell would have COPY quote a lone \.).
    const csv = await spec.inTenant(() =>
      spec.db.snapshot(async (m) => {
        const stream = streamCsv(m, `select ${csvCellSql('t.v')}, t.n from unnest($1::text[]) with ordinality t(v, n) order by t.n`, [values], 'head\r\n');
        const parts: Buffer[] = [];
        for await (const chunk of stream) parts.push(chunk as Buffer);
        return Buffer.concat(parts).toString('utf8');
      }),
    );
    expect(csv).toBe(['head\r\n', ...values.map((value, i) => `${csvCell(value)},${String(i + 1)}\r\n`)].join(''));
  });

  it('does not count an answer stored uncounted, nor one written at or after the survey’s closesAt', async () => {
    const phones = ['+16175556201', '+16175556202'];
    const closesAt = hoursAgo(2);
    const s = await survey(phones, closesAt);
    await answer(s, 0, phones[0], hoursAgo(3), { questionKey: 'time', optionKey: '1' });
    await answer(s, 0, phones[0], hoursAgo(1), { questionKey: 'time', optionKey: '2' });
    await answer(s, 1, phones[1], closesAt, { questionKey: 'time', optionKey: '2' });
    await answer(s, 1, phones[1], hoursAgo(4), { questionKey: 'happy', value: '3', counted: false });

    const found = await results(s.id);
    expect(found).toMatchObject({ responded: 1 });
    expect(found.questions[0]).toMatchObject({ counts: { '1': 1, '2': 0 }, answered: 1 });
    expect(found.questions[1]).toMatchObject({ answered: 0, mean: null });
    // Every answer is kept; only the counted one before closing is a result row.
    expect(await q(`select count(*)::int as n from survey_answers where survey_id = $1`, [s.id])).toEqual([{ n: 4 }]);
    expect(await q(`select count(*)::int as n from survey_latest_answers where survey_id = $1`, [s.id])).toEqual([{ n: 1 }]);
  });

  it('marks a recipient delivered when a status callback says a message of the survey arrived, batched or by SID alone', async () => {
    const phones = ['+16175556301', '+16175556302', '+16175556303'];
    const s = await survey(phones);
    const sent = await q(
      `insert into messages (tenant_id, survey_id, survey_step, direction, kind, phone, body, status, provider_sid)
       select $1, $2, step, 'outbound', 'survey', p, 'When?', 'sent', 'SM' || md5(random()::text) from unnest($3::text[]) p cross join (values ('q:time'), ('q:happy')) v(step)
       returning id, phone, survey_step, provider_sid`,
      [spec.fixture.tenantId, s.id, phones],
    );
    const message = (phone: string, step: string) =>
      sent.find((row: { phone: string; survey_step: string }) => row.phone === phone && row.survey_step === step) as { id: string; provider_sid: string };
    const webhooks = new TwilioWebhooks(
      spec.db,
      new TenantDirectory(spec.db),
      new TenantRepository(new SecretBox(TEST_SECRETS_KEY)),
      spec.jobs,
      { publicBaseUrl: BASE, unreachableRetryMs: 300_000 },
      new SurveyDeliveredFlags(),
    );
    const callback = (m: { id: string; provider_sid: string }, status: string, inUrl = true) => {
      const path = inUrl ? `/webhooks/twilio/status?m=${m.id}` : '/webhooks/twilio/status';
      const params = { AccountSid: spec.fixture.accountSid, From: '+16175550100', MessageSid: m.provider_sid, MessageStatus: status };
      const webhook: SignedWebhook = { path, params, signature: getExpectedTwilioSignature(spec.fixture.authToken, `${BASE}${path}`, params) };
      return webhooks.applyStatus(webhook, inUrl ? m.id : undefined);
    };
    const delivered = async () =>
      (await q(`select phone from survey_recipients where survey_id = $1 and delivered order by phone`, [s.id])).map((r: { phone: string }) => r.phone);

    expect(await delivered()).toEqual([]);
    // Batched: both of the first phone's messages delivered at once, the second phone's undelivered.
    const outcomes = await Promise.all([
      callback(message(phones[0], 'q:time'), 'delivered'),
      callback(message(phones[0], 'q:happy'), 'delivered'),
      callback(message(phones[1], 'q:time'), 'undelivered'),
    ]);
    expect(outcomes.every((o) => o.updated)).toBe(true);
    expect(await delivered()).toEqual([phones[0]]);
    // One at a time, found by its SID (no message id in the URL).
    expect(await callback(message(phones[2], 'q:happy'), 'delivered', false)).toEqual({ updated: true });
    expect(await delivered()).toEqual([phones[0], phones[2]]);
    expect(await results(s.id)).toMatchObject({ sent: 3, delivered: 2 });
  });

  it('keeps another district’s survey, its answers and deliveries out of sight', async () => {
    const other = spec.tenants[0];
    const phone = '+16175556401';
    const theirs = await survey([phone], null, other.tenantId);
    await answer(theirs, 0, phone, hoursAgo(1), { questionKey: 'time', optionKey: '1' }, other.tenantId);
    await q(`update survey_recipients set delivered = true where survey_id = $1`, [theirs.id], other.tenantId);
    const ours = await survey([phone]);
    await answer(ours, 0, phone, hoursAgo(1), { questionKey: 'time', optionKey: '2' });

    await expect(results(theirs.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(spec.inTenant(() => new SurveyCsvUseCase(spec.db).csv(admin(), theirs.id))).rejects.toMatchObject({ code: 'not_found' });
    expect(await q(`select count(*)::int as n from survey_latest_answers where survey_id = $1`, [theirs.id])).toEqual([{ n: 0 }]);
    expect(await results(ours.id)).toMatchObject({ sent: 1, delivered: 0, responded: 1, questions: [{ counts: { '1': 0, '2': 1 } }, { answered: 0 }] });
    // Their own district sees their row.
    expect(await q(`select count(*)::int as n from survey_latest_answers where survey_id = $1`, [theirs.id], other.tenantId)).toEqual([{ n: 1 }]);
  });
});
