import { examplePhone } from '@porchlight/sms';
import { HttpClient, MEETING_SURVEY, MEETING_SURVEY_TRANSLATIONS, randomAccountSid, randomHex, Stack, startStack, waitFor } from '@porchlight/testing';

jest.setTimeout(180_000);

interface SandboxMessage {
  to: string;
  from: string;
  body: string;
}

type Family = 'en' | 'es' | 'esSouth' | 'vi' | 'ar' | 'enStop';
const LANGUAGE: Record<Family, string> = { en: 'en', es: 'es', esSouth: 'es', vi: 'vi', ar: 'ar', enStop: 'en' };
const SCHOOL: Record<Family, 'lincoln' | 'roosevelt'> = {
  en: 'lincoln',
  es: 'lincoln',
  enStop: 'lincoln',
  esSouth: 'roosevelt',
  vi: 'roosevelt',
  ar: 'roosevelt',
};

const TRANSLATIONS: Record<string, object> = MEETING_SURVEY_TRANSLATIONS;

/**
 * A three-question survey from the API to families in four languages through the SMS sandbox,
 * with the apps running as processes: answers typed as people text land on the right options, a
 * misfit is asked again then kept as a comment, STOP ends a family's survey, results break down by
 * language and school, and another district sees none of it.
 */
describe('a survey from the API to families and back, in four languages', () => {
  let stack: Stack;
  let sandbox: HttpClient;
  let a: HttpClient;
  let b: HttpClient;
  let surveyId: string;
  const accountA = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550110' };
  const accountB = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550111' };
  const phones: Record<Family, string> = {
    en: examplePhone('US', 31),
    es: examplePhone('US', 32),
    esSouth: examplePhone('US', 33),
    vi: examplePhone('US', 34),
    ar: examplePhone('US', 35),
    enStop: examplePhone('US', 36),
  };
  const schools: Record<string, string> = {};

  const received = async (family: Family): Promise<SandboxMessage[]> => (await sandbox.get(`/sandbox/messages?to=${encodeURIComponent(phones[family])}`)).body;
  /** The family texts `body`, and waits for the survey's answer that contains `expected`. */
  async function text(family: Family, body: string, expected: string): Promise<string> {
    const before = (await received(family)).length;
    await sandbox.post('/sandbox/inbound', { accountSid: accountA.sid, from: phones[family], to: accountA.number, body });
    const answer = await waitFor(`${family}: "${expected}" after "${body}"`, async () =>
      (await received(family)).slice(before).find((m) => m.body.includes(expected)),
    );
    return answer.body;
  }

  async function createDistrict(slug: string, account: typeof accountA): Promise<HttpClient> {
    await sandbox.post('/sandbox/accounts', { accountSid: account.sid, authToken: account.token, smsUrl: `${stack.apiUrl}/webhooks/twilio/sms` });
    const platform = new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN);
    const created = await platform.post('/api/v1/platform/tenants', {
      slug,
      name: `${slug} Schools`,
      timezone: 'America/New_York',
      country: 'US',
      defaultLanguage: 'en',
      languages: ['es', 'vi', 'ar'],
      sms: { provider: 'sandbox', accountSid: account.sid, authToken: account.token, fromNumber: account.number },
      admin: { email: `admin@${slug}.example.org`, password: 'correct horse battery', name: 'Admin' },
    });
    expect(created.status).toBe(201);
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: slug,
      email: `admin@${slug}.example.org`,
      password: 'correct horse battery',
    });
    const client = new HttpClient(stack.apiUrl, login.body.accessToken);
    expect((await client.patch('/api/v1/settings', { quietHours: { start: '00:00', end: '00:00' } })).status).toBe(200);
    return client;
  }

  beforeAll(async () => {
    stack = await startStack('survey');
    sandbox = new HttpClient(stack.sandboxUrl);
    a = await createDistrict('survey-a', accountA);
    b = await createDistrict('survey-b', accountB);
    for (const name of ['lincoln', 'roosevelt'])
      schools[name] = (await a.post('/api/v1/schools', { name: `${name[0].toUpperCase()}${name.slice(1)} School` })).body.id;
    for (const family of Object.keys(phones) as Family[]) {
      const student = await a.post('/api/v1/students', {
        givenName: `Kid-${family}`,
        familyName: 'Doe',
        grade: family === 'vi' ? '05' : '03',
        schoolId: schools[SCHOOL[family]],
      });
      expect(
        (await a.post('/api/v1/contacts', { givenName: `Parent-${family}`, phone: phones[family], language: LANGUAGE[family], studentIds: [student.body.id] }))
          .status,
      ).toBe(201);
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('sends the first question to every family in its language, options numbered', async () => {
    const created = await a.post('/api/v1/surveys', {
      title: 'Family conferences',
      sourceLanguage: 'en',
      audience: { all: true },
      ...MEETING_SURVEY,
    });
    expect(created.status).toBe(201);
    surveyId = created.body.id;
    for (const [language, texts] of Object.entries(TRANSLATIONS))
      expect((await a.put(`/api/v1/surveys/${surveyId}/translations/${language}`, texts)).status).toBe(200);
    expect((await a.post(`/api/v1/surveys/${surveyId}/send`)).status).toBe(202);
    const first = (family: Family) => waitFor(`the first question at ${family}`, async () => (await received(family)).find((m) => m.body.includes('(1/3)')));
    expect((await first('en')).body).toBe(
      'We want to hear from you.\n\n(1/3) When can you come to a meeting?\n1. Morning\n2. Afternoon\n3. Evening\nReply 1, 2 or 3',
    );
    expect((await first('es')).body).toContain('Responda 1, 2 o 3');
    expect((await first('vi')).body).toContain('Trả lời 1, 2 hoặc 3');
    expect((await first('ar')).body).toContain('أرسل 1 أو 2 أو 3');
    await first('esSouth');
    await first('enStop');
  });

  it('reads answers typed as people text, asks a misfit again then keeps it, and stops at STOP', async () => {
    await text('en', 'afternoon pls', '(2/3)');
    await text('en', 'yes', '(3/3)');
    expect(await text('en', '4', 'Thank you for your answers!')).toBe('Thank you for your answers!');

    await text('es', 'la tarde', '(2/3) ¿Su hijo toma el autobús?');
    await text('es', 'sí claro', '(3/3)');
    await text('es', 'cinco', '¡Gracias');

    await text('esSouth', 'en la mañana', '(2/3)');
    expect(await text('esSouth', 'depende del dia', 'Perdón, no entendimos')).toContain('(2/3) ¿Su hijo toma el autobús?');
    await text('esSouth', 'a veces si a veces no', '(3/3)');
    await text('esSouth', '3', '¡Gracias');

    await text('vi', 'buoi toi', '(2/3)');
    await text('vi', 'có ạ', '(3/3)');
    await text('vi', '5', 'Cảm ơn');

    await text('ar', 'الصباح', '(2/3)');
    await text('ar', 'نعم', '(3/3)');
    await text('ar', '٤', 'شكرًا');

    await text('enStop', 'morning', '(2/3)');
    await sandbox.post('/sandbox/inbound', { accountSid: accountA.sid, from: phones.enStop, to: accountA.number, body: 'STOP' });
    await waitFor('the STOP to end the survey for that phone', async () => (await a.get(`/api/v1/surveys/${surveyId}`)).body.stats.stopped === 1);
    expect((await received('enStop')).some((m) => m.body.includes('(3/3)'))).toBe(false);

    const thread = await waitFor('the answer in the family’s conversation', async () => {
      const list = await a.get('/api/v1/conversations');
      return list.body.items.find((c: { phone: string }) => c.phone === phones.es);
    });
    const messages = (await a.get(`/api/v1/conversations/${thread.id}`)).body.messages;
    expect(messages.some((m: { direction: string; body: string }) => m.direction === 'inbound' && m.body === 'la tarde')).toBe(true);
  });

  it('gives results by language and by school, and nothing to another district', async () => {
    const results = await waitFor('every answer counted', async () => {
      const current = (await a.get(`/api/v1/surveys/${surveyId}/results?by=language`)).body;
      return current.questions?.[2].answered === 5 && current;
    });
    expect(results).toMatchObject({ sent: 6, responded: 6, responseRate: 1 });
    expect(results.questions[0].counts).toEqual({ '1': 3, '2': 2, '3': 1 });
    expect(results.questions[1].counts).toEqual({ yes: 4, no: 0 });
    expect(results.questions[1].comments).toEqual([expect.objectContaining({ body: 'a veces si a veces no', language: 'es' })]);
    expect(results.questions[2]).toMatchObject({ counts: { '1': 0, '2': 0, '3': 1, '4': 2, '5': 2 }, mean: 4.2 });
    const group = (list: { group: string }[], name: string) => list.find((g) => g.group === name);
    expect(group(results.groups, 'es')).toMatchObject({ sent: 2, responded: 2, counts: { time: { '1': 1, '2': 1, '3': 0 } } });
    expect(group(results.groups, 'ar')).toMatchObject({ sent: 1, responded: 1, counts: { time: { '1': 1 }, bus: { yes: 1 } }, means: { happy: 4 } });
    expect(group(results.groups, 'vi')).toMatchObject({ counts: { time: { '3': 1 } }, means: { happy: 5 } });
    expect(group(results.groups, 'en')).toMatchObject({ sent: 2, responded: 2, counts: { time: { '1': 1, '2': 1 } } });
    const bySchool = (await a.get(`/api/v1/surveys/${surveyId}/results?by=school`)).body.groups;
    expect(group(bySchool, schools.lincoln)).toMatchObject({ label: 'Lincoln School', sent: 3, responded: 3, counts: { time: { '1': 1, '2': 2, '3': 0 } } });
    expect(group(bySchool, schools.roosevelt)).toMatchObject({
      label: 'Roosevelt School',
      sent: 3,
      responded: 3,
      counts: { time: { '1': 2, '2': 0, '3': 1 } },
    });

    const csv = await a.get<string>(`/api/v1/surveys/${surveyId}/responses.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 5 * 3 + 1);

    for (const path of ['', '/preview', '/results?by=school', '/responses.csv']) expect((await b.get(`/api/v1/surveys/${surveyId}${path}`)).status).toBe(404);
    expect((await b.post(`/api/v1/surveys/${surveyId}/close`)).status).toBe(404);
    expect((await b.get('/api/v1/surveys')).body).toEqual([]);
  });
});
