import { examplePhone } from '../libs/sms/src/phone';
import { HttpClient } from '../libs/testing/src/http-client';
import { until } from './demo-activity';

/**
 * Family voice in the demo district: a two-question survey in the district's six languages that
 * four of the six families answered in their own words, a decision that weighed it, and its "you
 * said, we did" notice sent to the families who answered.
 */

const SURVEY = {
  title: 'Family conferences',
  sourceLanguage: 'en',
  audience: { all: true },
  intro: 'We are planning family conferences.',
  questions: [
    {
      key: 'time',
      text: 'When can you come?',
      kind: 'choice',
      options: [
        { key: '1', label: 'Morning' },
        { key: '2', label: 'Afternoon' },
        { key: '3', label: 'Evening' },
      ],
    },
    { key: 'interpreter', text: 'Would you like an interpreter?', kind: 'yesno' },
  ],
};

const question = (time: string, morning: string, afternoon: string, evening: string, interpreter: string) => ({
  questions: [
    {
      key: 'time',
      text: time,
      options: [
        { key: '1', label: morning },
        { key: '2', label: afternoon },
        { key: '3', label: evening },
      ],
    },
    { key: 'interpreter', text: interpreter },
  ],
});

/** As a person wrote them for the district. */
const SURVEY_TEXTS: Record<string, object> = {
  es: {
    intro: 'Estamos planificando las reuniones con las familias.',
    ...question('¿Cuándo puede venir?', 'Mañana', 'Tarde', 'Noche', '¿Desea un intérprete?'),
  },
  vi: {
    intro: 'Chúng tôi đang lên kế hoạch họp phụ huynh.',
    ...question('Khi nào quý vị có thể đến?', 'Buổi sáng', 'Buổi chiều', 'Buổi tối', 'Quý vị có cần thông dịch viên không?'),
  },
  so: { intro: 'Waxaan qorsheyneynaa shirarka waalidiinta.', ...question('Goorma ayaad iman kartaa?', 'Subax', 'Galab', 'Fiid', 'Ma rabtaa turjumaan?') },
  ar: { intro: 'نحن نخطط لاجتماعات أولياء الأمور.', ...question('متى يمكنكم الحضور؟', 'الصباح', 'بعد الظهر', 'المساء', 'هل تريدون مترجمًا؟') },
  'zh-Hans': { intro: '我们正在安排家长会。', ...question('您什么时候可以来？', '上午', '下午', '晚上', '您需要口译员吗？') },
};

/** Demo family n (its phone) and what it texts back, as people do. */
const ANSWERS: [number, string, string][] = [
  [1, 'en la noche', 'sí por favor'],
  [2, 'buổi tối', 'có ạ'],
  [4, 'المساء', 'نعم'],
  [6, '3', 'no thanks'],
];

const LOOP = 'You said, we did: conferences will be held in the evening, with interpreters for every family who asked.';
const LOOP_TEXTS: Record<string, string> = {
  es: 'Ustedes lo dijeron y lo hicimos: las reuniones serán por la noche, con intérpretes para cada familia que lo pidió.',
  vi: 'Quý vị đã góp ý, chúng tôi đã làm: buổi họp sẽ vào buổi tối, có thông dịch viên cho mọi gia đình đã yêu cầu.',
  ar: 'قلتم وفعلنا: ستُعقد الاجتماعات في المساء، مع مترجمين لكل عائلة طلبت ذلك.',
};

function expectStatus(response: { status: number; body: unknown }, status: number, what: string): void {
  if (response.status !== status) throw new Error(`could not ${what}: ${JSON.stringify(response.body)}`);
}

export async function seedDemoVoice(options: { api: HttpClient; sandbox: HttpClient; accountSid: string; schoolNumber: string }): Promise<void> {
  const { api, sandbox } = options;
  const created = await api.post('/api/v1/surveys', SURVEY);
  expectStatus(created, 201, 'write the demo survey');
  const surveyId = created.body.id as string;
  for (const [language, texts] of Object.entries(SURVEY_TEXTS)) {
    expectStatus(await api.put(`/api/v1/surveys/${surveyId}/translations/${language}`, texts), 200, `translate the demo survey into ${language}`);
  }
  expectStatus(await api.post(`/api/v1/surveys/${surveyId}/send`), 202, 'send the demo survey');

  const received = async (phone: string, marker: string) =>
    ((await sandbox.get(`/sandbox/messages?to=${encodeURIComponent(phone)}`)).body as { body: string }[]).some((m) => m.body.includes(marker));
  const text = async (phone: string, body: string) => {
    const posted = await sandbox.post('/sandbox/inbound', { accountSid: options.accountSid, from: phone, to: options.schoolNumber, body });
    if (posted.status !== 200 && posted.status !== 201) throw new Error(`could not text as a demo family: ${JSON.stringify(posted.body)}`);
  };
  for (const [n, time, interpreter] of ANSWERS) {
    const phone = examplePhone('US', n);
    await until('the survey to reach the families', () => received(phone, '(1/2)'));
    await text(phone, time);
    await until('the second survey question', () => received(phone, '(2/2)'));
    await text(phone, interpreter);
  }
  await until('the demo answers to be counted', async () => {
    const results = await api.get(`/api/v1/surveys/${surveyId}/results`);
    return results.status === 200 && (results.body as { questions: { answered: number }[] }).questions[1]?.answered === ANSWERS.length;
  });

  const decision = await api.post('/api/v1/decisions', {
    title: 'Family conference times',
    question: 'When should family conferences be held, and with what support?',
  });
  expectStatus(decision, 201, 'record the demo decision');
  const decisionId = decision.body.id as string;
  expectStatus(await api.post(`/api/v1/decisions/${decisionId}/inputs`, { surveyId }), 201, 'attach the survey to the demo decision');
  expectStatus(
    await api.patch(`/api/v1/decisions/${decisionId}`, {
      status: 'decided',
      outcome: 'Conferences move to the evening, with an interpreter for every family who asks.',
      rationale: 'Most families who answered can only come in the evening; three of four asked for an interpreter.',
    }),
    200,
    'decide the demo decision',
  );
  const loop = await api.post(`/api/v1/decisions/${decisionId}/close-the-loop`, { body: LOOP, sourceLanguage: 'en' });
  expectStatus(loop, 201, 'draft the demo "you said, we did" notice');
  const noticeId = loop.body.id as string;
  for (const [language, body] of Object.entries(LOOP_TEXTS)) {
    expectStatus(await api.put(`/api/v1/notices/${noticeId}/translations/${language}`, { body }), 200, `translate the demo notice into ${language}`);
  }
  expectStatus(await api.post(`/api/v1/notices/${noticeId}/send`), 202, 'send the demo "you said, we did" notice');
  await until('the demo decision to be communicated', async () => (await api.get(`/api/v1/decisions/${decisionId}`)).body.status === 'communicated');
}
