import { randomUUID } from 'node:crypto';
import { examplePhone } from '@porchlight/sms';
import { HttpClient, PhraseTranslatorServer, randomAccountSid, randomHex, Stack, startStack, waitFor } from '@porchlight/testing';

jest.setTimeout(120_000);

interface SandboxMessage {
  to: string;
  from: string;
  body: string;
}

/**
 * Translation across the running apps, with a local server speaking LibreTranslate's API as the
 * district's engine: an English notice reaches Spanish, Vietnamese and Arabic families in their
 * languages with a glossary term intact; the same text sent again comes from the cache and the
 * memory, not the engine; an emergency notice waits for a liaison's approval; a Spanish reply
 * reaches the teacher who wrote, in English beside the original, and the teacher's English
 * answer reaches the family in Spanish.
 */
describe('notices and replies across languages', () => {
  let stack: Stack;
  let engine: PhraseTranslatorServer;
  let sandbox: HttpClient;
  let admin: HttpClient;
  let teacher: HttpClient;
  let liaison: HttpClient;
  let other: HttpClient;
  const account = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550100' };
  const otherAccount = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550101' };
  const phones = { es: examplePhone('US', 21), vi: examplePhone('US', 22), ar: examplePhone('US', 23) };
  const MEETING = 'Lincoln Elementary PTA meeting tonight at 6.';
  const ids: { school?: string; teacher?: string; liaison?: string; meeting?: string; conversation?: string; term?: string; emergency?: string } = {};

  const received = async (to: string): Promise<SandboxMessage[]> =>
    ((await sandbox.get(`/sandbox/messages?to=${encodeURIComponent(to)}`)).body as SandboxMessage[]).filter((m) => m.from === account.number);
  const login = async (slug: string, email: string) => {
    const answer = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', { tenant: slug, email, password: 'correct horse battery' });
    expect(answer.status).toBe(200);
    return new HttpClient(stack.apiUrl, answer.body.accessToken);
  };
  async function createDistrict(slug: string, acct: typeof account): Promise<HttpClient> {
    await sandbox.post('/sandbox/accounts', { accountSid: acct.sid, authToken: acct.token, smsUrl: `${stack.apiUrl}/webhooks/twilio/sms` });
    const platform = new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN);
    const created = await platform.post('/api/v1/platform/tenants', {
      slug,
      name: `${slug} Schools`,
      timezone: 'America/New_York',
      country: 'US',
      defaultLanguage: 'en',
      languages: ['es', 'vi', 'ar'],
      sms: { provider: 'sandbox', accountSid: acct.sid, authToken: acct.token, fromNumber: acct.number },
      admin: { email: `admin@${slug}.example.org`, password: 'correct horse battery', name: 'Admin' },
    });
    expect(created.status).toBe(201);
    const client = await login(slug, `admin@${slug}.example.org`);
    const settings = await client.patch('/api/v1/settings', {
      quietHours: { start: '00:00', end: '00:00' },
      translation: { provider: 'libretranslate', url: engine.url, untranslatedPolicy: 'hold', requireReviewFor: ['emergency'] },
    });
    expect(settings.status).toBe(200);
    return client;
  }
  const engineCalls = () => engine.requests.length;

  beforeAll(async () => {
    engine = await new PhraseTranslatorServer({
      'en>es': {
        'meeting tonight at 6': 'reunión esta noche a las 6',
        'closes early today': 'cierra temprano hoy',
        'The meeting is in the gym': 'La reunión es en el gimnasio',
      },
      'en>vi': { 'meeting tonight at 6': 'họp tối nay lúc 6 giờ', 'closes early today': 'đóng cửa sớm hôm nay' },
      'en>ar': { 'meeting tonight at 6': 'اجتماع الليلة الساعة 6', 'closes early today': 'تغلق مبكرا اليوم' },
      'es>en': { 'cierra temprano hoy': 'closes early today', 'a que hora es la reunion': 'what time is the meeting' },
      'vi>en': { 'đóng cửa sớm hôm nay': 'closes early today' },
      'ar>en': { 'تغلق مبكرا اليوم': 'closes early today' },
    }).start();
    stack = await startStack('translation');
    sandbox = new HttpClient(stack.sandboxUrl);
    admin = await createDistrict('district-t', account);
    other = await createDistrict('district-u', otherAccount);

    const school = await admin.post('/api/v1/schools', { name: 'Lincoln Elementary' });
    ids.school = school.body.id;
    for (const [language, phone] of Object.entries(phones)) {
      const student = await admin.post('/api/v1/students', { givenName: `Kid-${language}`, familyName: 'Doe', grade: '02', schoolId: ids.school });
      expect((await admin.post('/api/v1/contacts', { givenName: `Parent-${language}`, phone, language, studentIds: [student.body.id] })).status).toBe(201);
    }
    const staff = async (role: string, email: string) => {
      const created = await admin.post('/api/v1/users', {
        email,
        password: 'correct horse battery',
        name: role,
        role,
        schoolIds: [ids.school],
        language: 'en',
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    ids.teacher = await staff('staff', 'teacher@district-t.example.org');
    ids.liaison = await staff('liaison', 'liaison@district-t.example.org');
    teacher = await login('district-t', 'teacher@district-t.example.org');
    liaison = await login('district-t', 'liaison@district-t.example.org');
  });

  afterAll(async () => {
    await stack?.stop();
    await engine?.stop();
  });

  it('refuses a district engine URL that leads inside the network, naming translation.url', async () => {
    const refused: Array<[string, RegExp]> = [
      ['https://169.254.169.254/latest/meta-data', /cloud metadata/],
      ['http://10.0.0.5:5000', /must use https/],
      ['https://[::ffff:127.0.0.1]:5000', /loopback/],
      ['https://localhost:5000', /loopback/],
    ];
    for (const [url, reason] of refused) {
      const answer = await admin.patch('/api/v1/settings', { translation: { provider: 'libretranslate', url } });
      expect(answer.status).toBe(400);
      expect(answer.body.details).toEqual([{ field: 'translation.url', message: expect.stringMatching(reason) }]);
    }
    // The engine on loopback stays: the stack's operator allows 127.0.0.1 (PROVIDER_HOST_ALLOWLIST).
    expect((await admin.get('/api/v1/settings')).body.translation.url).toBe(engine.url);
  });

  it('keeps a glossary that district admins edit', async () => {
    const added = await admin.post('/api/v1/glossary', { term: 'Lincoln Elementary' });
    expect(added.status).toBe(201);
    ids.term = added.body.id;
    expect((await admin.post('/api/v1/glossary', { term: 'PTA', translations: { es: 'Asociación de Padres' } })).status).toBe(201);
    expect((await admin.post('/api/v1/glossary', { term: 'lincoln elementary' })).status).toBe(409);
    expect((await teacher.post('/api/v1/glossary', { term: 'Gym' })).status).toBe(403);
    const bad = await admin.post('/api/v1/glossary', { term: '', translations: { es: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['term', 'translations']);
    expect((await other.get('/api/v1/glossary')).body).toEqual([]);
    expect((await other.delete(`/api/v1/glossary/${ids.term}`)).status).toBe(404);
    const list = await teacher.get('/api/v1/glossary');
    expect(list.body.map((t: any) => t.term)).toEqual(['Lincoln Elementary', 'PTA']);
    const temporary = await admin.post('/api/v1/glossary', { term: 'Temporary' });
    expect((await admin.delete(`/api/v1/glossary/${temporary.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/glossary/${temporary.body.id}`)).status).toBe(404);
  });

  it('sends an English notice to Spanish, Vietnamese and Arabic families in their languages, glossary intact', async () => {
    const notice = await teacher.post('/api/v1/notices', { body: MEETING, sourceLanguage: 'en', audience: { schoolIds: [ids.school] }, urgency: 'normal' });
    expect(notice.status).toBe(201);
    ids.meeting = notice.body.id;
    const before = engineCalls();
    expect((await teacher.post(`/api/v1/notices/${ids.meeting}/send`)).status).toBe(202);

    const bodies = await waitFor('three translated messages at the family phones', async () => {
      const got = await Promise.all(Object.values(phones).map(async (phone) => (await received(phone))[0]?.body));
      return got.every(Boolean) && got;
    });
    expect(bodies).toEqual([
      'Lincoln Elementary Asociación de Padres reunión esta noche a las 6.',
      'Lincoln Elementary PTA họp tối nay lúc 6 giờ.',
      'Lincoln Elementary PTA اجتماع الليلة الساعة 6.',
    ]);
    // One engine call per language, the glossary terms hidden from it.
    const calls = engine.requests.slice(before);
    expect(calls.map((c) => c.target).sort()).toEqual(['ar', 'es', 'vi']);
    expect(calls.every((c) => !c.q[0].includes('Lincoln'))).toBe(true);

    const preview = await teacher.get(`/api/v1/notices/${ids.meeting}/preview`);
    const origins = Object.fromEntries(preview.body.translations.map((t: any) => [t.language, `${t.origin}/${t.status}`]));
    expect(origins).toEqual({ en: 'source/ready', es: 'machine/ready', vi: 'machine/ready', ar: 'machine/ready' });
  });

  it('sends the same text again from the cache and the memory, without calling the engine', async () => {
    const draft = async () =>
      (await teacher.post('/api/v1/notices', { body: MEETING, sourceLanguage: 'en', audience: { schoolIds: [ids.school] }, urgency: 'normal' })).body.id;
    const before = engineCalls();
    const second = await draft();
    // A person's Spanish for this text enters the memory.
    expect(
      (await liaison.put(`/api/v1/notices/${second}/translations/es`, { body: 'Reunión de la Asociación de Padres de Lincoln Elementary hoy a las 6.' }))
        .status,
    ).toBe(200);
    expect((await teacher.post(`/api/v1/notices/${second}/send`)).status).toBe(202);
    await waitFor('the second notice delivered', async () => (await teacher.get(`/api/v1/notices/${second}`)).body.stats.delivered === 3);

    const third = await draft();
    const preview = await teacher.get(`/api/v1/notices/${third}/preview`);
    expect(preview.body.translations.find((t: any) => t.language === 'es')).toMatchObject({
      origin: 'memory',
      status: 'ready',
      body: 'Reunión de la Asociación de Padres de Lincoln Elementary hoy a las 6.',
    });
    expect((await teacher.post(`/api/v1/notices/${third}/send`)).status).toBe(202);
    await waitFor('the third notice delivered', async () => (await teacher.get(`/api/v1/notices/${third}`)).body.stats.delivered === 3);
    const after = await teacher.get(`/api/v1/notices/${third}/preview`);
    const origins = Object.fromEntries(after.body.translations.map((t: any) => [t.language, t.origin]));
    expect(origins).toEqual({ en: 'source', es: 'memory', vi: 'machine', ar: 'machine' });
    expect((await received(phones.es)).at(-1)?.body).toBe('Reunión de la Asociación de Padres de Lincoln Elementary hoy a las 6.');
    expect(engineCalls()).toBe(before);
  });

  it('holds an emergency notice until a liaison approves its machine translations', async () => {
    const created = await teacher.post('/api/v1/notices', {
      body: 'Lincoln Elementary closes early today.',
      sourceLanguage: 'en',
      audience: { schoolIds: [ids.school] },
      urgency: 'emergency',
    });
    const id = created.body.id;
    ids.emergency = id;
    // The send decides each language's text as the preview does (the engine asked now, its output
    // cached): machine output the district reviews for emergencies refuses the send at once.
    const refused = await teacher.post(`/api/v1/notices/${id}/send`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('translations to review before sending: ar, es, vi');
    const held = (await teacher.get(`/api/v1/notices/${id}`)).body;
    expect(held.status).toBe('draft');
    expect(held.stats.total).toBe(0);

    const preview = await liaison.get(`/api/v1/notices/${id}/preview?backTranslate=true`);
    const es = preview.body.translations.find((t: any) => t.language === 'es');
    expect(es).toMatchObject({
      origin: 'machine',
      status: 'needs_review',
      body: 'Lincoln Elementary cierra temprano hoy.',
      backTranslation: 'Lincoln Elementary closes early today.',
    });
    expect(es.reviewReason).toContain('emergency');
    expect((await teacher.get(`/api/v1/notices/${id}/preview?backTranslate=maybe`)).status).toBe(400);

    const resend = await teacher.post(`/api/v1/notices/${id}/send`);
    expect(resend.status).toBe(409);
    expect(resend.body.details.reviewLanguages).toEqual(['ar', 'es', 'vi']);
    expect((await teacher.post(`/api/v1/notices/${id}/translations/es/approve`)).status).toBe(403);
    expect((await other.post(`/api/v1/notices/${id}/translations/es/approve`)).status).toBe(404);
    expect((await liaison.post(`/api/v1/notices/${id}/translations/fr/approve`)).status).toBe(404);
    expect((await liaison.post(`/api/v1/notices/${id}/translations/not_a_language!/approve`)).status).toBe(400);
    for (const language of ['es', 'vi', 'ar']) {
      const approved = await liaison.post(`/api/v1/notices/${id}/translations/${language}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ language, origin: 'machine', status: 'ready' });
    }
    expect((await teacher.post(`/api/v1/notices/${id}/send`)).status).toBe(202);
    await waitFor('the emergency notice at the Spanish phone', async () =>
      (await received(phones.es)).some((m) => m.body === 'Lincoln Elementary cierra temprano hoy.'),
    );
  });

  it('lands a Spanish reply with the teacher who wrote, detected and translated into English beside the original', async () => {
    const original = 'hola, a que hora es la reunion de manana?';
    await sandbox.post('/sandbox/inbound', { accountSid: account.sid, from: phones.es, to: account.number, body: original });
    const conversation = await waitFor('the reply in the teacher’s conversations', async () =>
      (await teacher.get('/api/v1/conversations?unread=true')).body.items.find((c: any) => c.phone === phones.es),
    );
    ids.conversation = conversation.id;
    expect(conversation).toMatchObject({ assignedUserId: ids.teacher, schoolId: ids.school, unreadCount: 1 });
    const reply = await waitFor('the reply translated', async () => {
      const thread = await teacher.get(`/api/v1/conversations/${ids.conversation}`);
      const inbound = thread.body.messages.find((m: any) => m.direction === 'inbound');
      return inbound?.translatedBody && inbound;
    });
    expect(reply).toMatchObject({ body: original, language: 'es', translatedBody: 'hola, what time is the meeting de manana?', translatedLanguage: 'en' });
    expect((await teacher.get(`/api/v1/conversations/${ids.conversation}`)).body.unreadCount).toBe(0);

    // The reply is also on the notice the family last received, and only on that one.
    const onNotice = await teacher.get(`/api/v1/notices/${ids.emergency}/replies`);
    expect(onNotice.body.items).toHaveLength(1);
    expect(onNotice.body.items[0]).toMatchObject({
      conversationId: ids.conversation,
      phone: phones.es,
      body: original,
      language: 'es',
      translatedLanguage: 'en',
    });
    expect((await teacher.get(`/api/v1/notices/${ids.meeting}/replies`)).body.items).toEqual([]);
    expect((await other.get(`/api/v1/notices/${ids.emergency}/replies`)).status).toBe(404);
  });

  it("sends the teacher's English answer to the family in Spanish, keeping both texts and the delivery status", async () => {
    const sent = await teacher.post(`/api/v1/conversations/${ids.conversation}/messages`, { body: 'The meeting is in the gym at 6.' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      body: 'La reunión es en el gimnasio at 6.',
      language: 'es',
      translatedBody: 'The meeting is in the gym at 6.',
      translatedLanguage: 'en',
    });
    await waitFor('the Spanish answer at the family phone', async () =>
      (await received(phones.es)).some((m) => m.body === 'La reunión es en el gimnasio at 6.'),
    );
    const delivered = await waitFor('the answer delivered', async () => {
      const thread = await teacher.get(`/api/v1/conversations/${ids.conversation}`);
      const last = thread.body.messages.at(-1);
      return last.status === 'delivered' && last;
    });
    expect(delivered).toMatchObject({ direction: 'outbound', kind: 'reply', authorUserId: ids.teacher });
  });

  it('hands a conversation to another staff member or back to the shared inbox', async () => {
    const bad = await teacher.post(`/api/v1/conversations/${ids.conversation}/assign`, { userId: 'nobody' });
    expect(bad.status).toBe(400);
    expect((await teacher.post(`/api/v1/conversations/${ids.conversation}/assign`, { userId: randomUUID() })).status).toBe(404);
    expect((await other.post(`/api/v1/conversations/${ids.conversation}/assign`, { userId: null })).status).toBe(404);
    const handed = await teacher.post(`/api/v1/conversations/${ids.conversation}/assign`, { userId: ids.liaison });
    expect(handed.status).toBe(200);
    expect(handed.body.assignedUserId).toBe(ids.liaison);
    const shared = await liaison.post(`/api/v1/conversations/${ids.conversation}/assign`, { userId: null });
    expect(shared.body).toMatchObject({ assignedUserId: null, schoolId: ids.school });
  });

  it('documents the new endpoints in the OpenAPI description', async () => {
    const docs = (await (await fetch(`${stack.apiUrl}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/glossary',
      '/api/v1/glossary/{id}',
      '/api/v1/notices/{id}/translations/{language}/approve',
      '/api/v1/notices/{id}/replies',
      '/api/v1/conversations/{id}/assign',
    ]) {
      expect([path, path in docs.paths]).toEqual([path, true]);
    }
  });
});
