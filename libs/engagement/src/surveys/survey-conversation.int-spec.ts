import { StaffPrincipal } from '@porchlight/contracts';
import { ProcessInboundUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import { SecretBox } from '@porchlight/identity';
import { createTwoSchoolDistrict, storeInbound, TEST_SECRETS_KEY, TwoSchoolDistrict, useIntegration } from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import { FanOutSurveyUseCase } from './fan-out-survey.use-case';
import { PrepareSurveyUseCase } from './prepare-survey.use-case';
import { SurveyConversation } from './survey-conversation';
import { SurveyCsvUseCase } from './survey-csv';
import { SurveyResultsUseCase } from './survey-results';
import { SurveySweep } from './survey-sweep';
import { SurveysUseCases } from './surveys.use-cases';
import { CreateSurveyInput } from './survey.types';

const QUESTIONS: CreateSurveyInput['questions'] = [
  {
    key: 'time',
    text: 'When can you come to a meeting?',
    kind: 'choice',
    options: [
      { key: '1', label: 'Morning' },
      { key: '2', label: 'Afternoon' },
      { key: '3', label: 'Evening' },
    ],
  },
  { key: 'bus', text: 'Does your child ride the bus?', kind: 'yesno' },
  { key: 'idea', text: 'What would help your family most?', kind: 'text' },
];
const TRANSLATIONS = {
  es: {
    questions: [
      {
        key: 'time',
        text: '¿Cuándo puede venir?',
        options: [
          { key: '1', label: 'Mañana' },
          { key: '2', label: 'Tarde' },
          { key: '3', label: 'Noche' },
        ],
      },
      { key: 'bus', text: '¿Toma el autobús?' },
      { key: 'idea', text: '¿Qué ayudaría más a su familia?' },
    ],
  },
  vi: {
    questions: [
      {
        key: 'time',
        text: 'Khi nào quý vị có thể đến?',
        options: [
          { key: '1', label: 'Buổi sáng' },
          { key: '2', label: 'Buổi chiều' },
          { key: '3', label: 'Buổi tối' },
        ],
      },
      { key: 'bus', text: 'Con có đi xe buýt không?' },
      { key: 'idea', text: 'Điều gì giúp gia đình nhiều nhất?' },
    ],
  },
};

// Many round trips through Postgres per test; the machine may be shared and busy.
jest.setTimeout(60_000);

/**
 * A survey's conversation with families, with the translation, dispatch and inbound steps run in
 * this process against Postgres (RLS on) and Redis: answers in the families' languages, the ask
 * again and the comment, STOP and HELP, one survey per phone, closing, the reminder, the results.
 */
jest.setTimeout(120_000);

describe('Survey conversation over SMS (Postgres, Redis)', () => {
  const spec = useIntegration('survey-talk', { poolSize: 3, tenant: false });
  let d: TwoSchoolDistrict;
  let admin: StaffPrincipal;
  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, work);
  const q = (sql: string, params: unknown[] = []) => spec.db.txFor(d.fixture.tenantId, (m) => m.query(sql, params));
  const surveys = () => new SurveysUseCases(spec.db, spec.jobs, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } }));

  async function open(input: Partial<CreateSurveyInput> = {}): Promise<string> {
    return inTenant(async () => {
      const created = await surveys().create(admin, { title: 'Voice', sourceLanguage: 'en', audience: { all: true }, questions: QUESTIONS, ...input });
      for (const [language, texts] of Object.entries(TRANSLATIONS)) await surveys().putTranslation(admin, created.id, language, texts);
      await surveys().send(admin, created.id);
      expect(
        await new PrepareSurveyUseCase(spec.db, spec.jobs, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } })).execute(
          created.id,
        ),
      ).toBe('ready');
      await new FanOutSurveyUseCase(spec.db, spec.jobs).execute(created.id);
      return created.id;
    });
  }
  /** The family texts `body`; returns what the survey sent back (the newest survey message to the phone). */
  async function text(phone: string, body: string): Promise<{ body: string; survey_step: string } | undefined> {
    const id = await storeInbound(spec.db, d.fixture.tenantId, phone, body);
    await inTenant(() => new ProcessInboundUseCase(spec.db, spec.jobs, new SurveyConversation()).execute(id));
    const [last] = await q(
      `select body, survey_step, kind, reply_to_id from messages where phone = $1 and direction = 'outbound' order by created_at desc, id desc limit 1`,
      [phone],
    );
    return last;
  }
  const recipient = async (surveyId: string, phone: string) =>
    (await q(`select * from survey_recipients where survey_id = $1 and phone = $2`, [surveyId, phone]))[0];
  const answers = (surveyId: string, phone: string) =>
    q(`select question_key, kind, option_key, counted from survey_answers where survey_id = $1 and phone = $2 order by created_at`, [surveyId, phone]);

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755509' });
    admin = { userId: d.fixture.adminId, tenantId: d.fixture.tenantId, role: 'district_admin', schoolIds: [], language: 'en' };
  });

  it('asks one question at a time in the family’s language, reads answers as people type them, then thanks', async () => {
    const id = await open();
    expect(await text(d.phones.northEs, 'la tarde porfa')).toMatchObject({ survey_step: 'q:bus', body: '(2/3) ¿Toma el autobús?\nResponda SÍ o NO' });
    expect(await text(d.phones.northEs, 'SI')).toMatchObject({ survey_step: 'q:idea' });
    expect(await text(d.phones.northEs, 'Más clases de inglés para padres')).toMatchObject({ survey_step: 'thanks', body: '¡Gracias por sus respuestas!' });
    expect(await answers(id, d.phones.northEs)).toEqual([
      { question_key: 'time', kind: 'answer', option_key: '2', counted: true },
      { question_key: 'bus', kind: 'answer', option_key: 'yes', counted: true },
      { question_key: 'idea', kind: 'text', option_key: null, counted: true },
    ]);
    expect(await recipient(id, d.phones.northEs)).toMatchObject({ status: 'done' });
    // Each answer is also a reply in the family's conversation, waiting to be translated for staff.
    const [thread] = await q(`select unread_count from conversations where phone = $1`, [d.phones.northEs]);
    expect(thread.unread_count).toBeGreaterThanOrEqual(3);
    const [idea] = await q(`select language, translate_requested_at from messages where phone = $1 and direction = 'inbound' and body like 'Más clases%'`, [
      d.phones.northEs,
    ]);
    expect(idea).toMatchObject({ language: 'es' });
    expect(idea.translate_requested_at).not.toBeNull();

    // A misfit is asked again once, then kept as a comment and the survey moves on.
    expect(await text(d.phones.southVi, 'buoi sang')).toMatchObject({ survey_step: 'q:bus' });
    const again = await text(d.phones.southVi, 'chắc là vậy hôm nay trời đẹp quá');
    expect(again?.survey_step).toBe('q:bus:again');
    expect(again?.body.startsWith('Xin lỗi, chúng tôi chưa hiểu')).toBe(true);
    expect(await text(d.phones.southVi, 'hôm nay trời đẹp quá nhỉ')).toMatchObject({ survey_step: 'q:idea' });
    expect(await answers(id, d.phones.southVi)).toEqual([
      { question_key: 'time', kind: 'answer', option_key: '1', counted: true },
      { question_key: 'bus', kind: 'comment', option_key: null, counted: true },
    ]);

    // HELP wins over an answer and leaves the question open; STOP ends the survey for the phone.
    const help = await text(d.phones.northEn, 'HELP');
    expect(help).toMatchObject({ kind: 'system', survey_step: null });
    expect(await recipient(id, d.phones.northEn)).toMatchObject({ status: 'asking', question_key: 'time' });
    await text(d.phones.northEn, 'STOP');
    expect(await recipient(id, d.phones.northEn)).toMatchObject({ status: 'stopped' });
    expect(await answers(id, d.phones.northEn)).toEqual([]);

    // Results: counted once per phone and question, by language and by school.
    const results = await inTenant(() => new SurveyResultsUseCase(spec.db).results(admin, id, 'language'));
    expect(results).toMatchObject({ status: 'open', sent: 5, responded: 2, responseRate: 0.4 });
    expect(results.questions[0]).toMatchObject({ key: 'time', counts: { '1': 1, '2': 1, '3': 0 }, answered: 2 });
    expect(results.questions[1]).toMatchObject({ key: 'bus', counts: { yes: 1, no: 0 }, answered: 2 });
    expect(results.questions[1].comments).toEqual([expect.objectContaining({ body: 'hôm nay trời đẹp quá nhỉ', language: 'vi' })]);
    expect(results.groups.find((g) => g.group === 'es')).toMatchObject({ sent: 2, responded: 1, responseRate: 0.5, counts: { time: { '2': 1 } } });
    expect(results.groups.find((g) => g.group === 'vi')).toMatchObject({ sent: 1, responded: 1, counts: { time: { '1': 1 } } });
    const bySchool = await inTenant(() => new SurveyResultsUseCase(spec.db).results(admin, id, 'school'));
    expect(bySchool.groups.find((g) => g.group === d.schools.north)).toMatchObject({ label: 'North Elementary', sent: 3, responded: 1 });
    expect(bySchool.groups.find((g) => g.group === d.schools.south)).toMatchObject({ label: 'South Middle', sent: 3, responded: 1 });
    const north = {
      userId: d.viewer('north staff').userId,
      tenantId: d.fixture.tenantId,
      role: 'staff' as const,
      schoolIds: [d.schools.north],
      language: 'en',
    };
    expect(await inTenant(() => new SurveyResultsUseCase(spec.db).results(north, id))).toMatchObject({ sent: 3, responded: 1 });
    // Scoped staff count, group and export only their schools' families.
    const northBySchool = await inTenant(() => new SurveyResultsUseCase(spec.db).results(north, id, 'school'));
    expect(northBySchool).toMatchObject({ sent: 3, responded: 1, questions: [{ counts: { '1': 0, '2': 1, '3': 0 } }, { counts: { yes: 1, no: 0 } }, {}] });
    expect(northBySchool.groups.find((g) => g.group === d.schools.north)).toMatchObject({ sent: 3, responded: 1, counts: { time: { '2': 1 } } });
    const northRows = (await inTenant(() => new SurveyCsvUseCase(spec.db).csv(north, id))).trim().split('\r\n').slice(1);
    expect(northRows).toHaveLength(3);
    for (const line of northRows) expect(line.startsWith(`'${d.phones.northEs},`)).toBe(true);

    // Closing: later answers are thanked and not counted.
    await q(`update messages set status = 'delivered' where survey_id = $1 and phone = $2`, [id, d.phones.southEs]);
    await inTenant(() => surveys().close(admin, id));
    expect(await text(d.phones.southEs, 'noche')).toMatchObject({ survey_step: 'closed', body: 'Gracias. Esta encuesta ya cerró.' });
    expect(await answers(id, d.phones.southEs)).toEqual([{ question_key: 'time', kind: 'answer', option_key: '3', counted: false }]);
    expect((await inTenant(() => new SurveyResultsUseCase(spec.db).results(admin, id))).questions[0].counts).toEqual({ '1': 1, '2': 1, '3': 0 });

    const csv = await inTenant(() => new SurveyCsvUseCase(spec.db).csv(admin, id));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('phone,question,language,school,grade,kind,answer,original,translation,answeredAt');
    expect(lines).toHaveLength(1 + 5);
    expect(lines.find((line) => line.includes(',time,') && line.includes('la tarde porfa'))).toContain(
      `'${d.phones.northEs},time,es,North Elementary,03,answer,Afternoon,la tarde porfa,,`,
    );
  });

  it('keeps a second survey waiting until the phone’s first one finishes, and reminds a silent phone once', async () => {
    const first = await open({ audience: { contactIds: [d.contacts.southEs] } });
    const second = await open({ audience: { contactIds: [d.contacts.southEs, d.contacts.both] }, reminder: { afterHours: 1 } });
    expect(await recipient(second, d.phones.southEs)).toMatchObject({ status: 'waiting' });
    expect(await recipient(second, d.phones.both)).toMatchObject({ status: 'asking' });
    await text(d.phones.southEs, 'noche');
    await text(d.phones.southEs, '👍');
    await text(d.phones.southEs, '=HYPERLINK("http://x")');
    const steps = await q(
      `select survey_id, survey_step, body from messages where phone = $1 and survey_id = any($2::uuid[]) and reply_to_id is not null order by survey_step`,
      [d.phones.southEs, [first, second]],
    );
    // The thank-you of the first, and the second survey's first question, both answer the last reply.
    expect(steps.filter((row: { survey_step: string }) => ['thanks', 'q:time'].includes(row.survey_step))).toEqual([
      { survey_id: second, survey_step: 'q:time', body: expect.stringContaining('Responda 1, 2 o 3') },
      { survey_id: first, survey_step: 'thanks', body: '¡Gracias por sus respuestas!' },
    ]);
    expect(await recipient(first, d.phones.southEs)).toMatchObject({ status: 'done' });
    expect(await recipient(second, d.phones.southEs)).toMatchObject({ status: 'asking', question_key: 'time' });
    expect(await answers(first, d.phones.southEs)).toEqual([
      { question_key: 'time', kind: 'answer', option_key: '3', counted: true },
      { question_key: 'bus', kind: 'answer', option_key: 'yes', counted: true },
      { question_key: 'idea', kind: 'text', option_key: null, counted: true },
    ]);
    const csv = await inTenant(() => new SurveyCsvUseCase(spec.db).csv(admin, first));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);

    await q(`update survey_recipients set started_at = now() - interval '2 hours' where survey_id = $1`, [second]);
    const sweep = new SurveySweep(spec.db, spec.jobs);
    // The phone that started later has not waited an hour since its own first question.
    await q(`update survey_recipients set started_at = now() where survey_id = $1 and phone = $2`, [second, d.phones.southEs]);
    expect(await inTenant(() => sweep.sweepTenant(d.fixture.tenantId))).toMatchObject({ reminded: 1 });
    expect(await inTenant(() => sweep.sweepTenant(d.fixture.tenantId))).toMatchObject({ reminded: 0 });
    const [reminder] = await q(`select body from messages where survey_id = $1 and phone = $2 and survey_step = 'reminder'`, [second, d.phones.both]);
    expect(reminder.body.startsWith('Reminder:\n(1/3) When can you come to a meeting?')).toBe(true);
  });
});
