import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplePhone } from '@porchlight/sms';
import { HttpClient, randomAccountSid, randomHex, Stack, startStack, waitFor } from '@porchlight/testing';

jest.setTimeout(120_000);

interface SandboxMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  status: string;
}

/**
 * The whole chain over HTTP against the apps running as processes: a three-language notice
 * delivered through the sandbox, a signed reply threaded once, a forged one refused, STOP honoured
 * on the next notice, a staff reply in the thread, and tenant B unable to see anything of tenant A.
 */
describe('one notice from the API to families and back', () => {
  let stack: Stack;
  let sandbox: HttpClient;
  let a: HttpClient;
  let b: HttpClient;
  const accountA = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550100' };
  const accountB = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550101' };
  const phones = { en: examplePhone('US', 11), es: examplePhone('US', 12), vi: examplePhone('US', 13), shared: examplePhone('US', 14) };
  const ids: { school?: string; notice?: string; esContact?: string; conversation?: string } = {};

  const received = async (to?: string): Promise<SandboxMessage[]> => (await sandbox.get(`/sandbox/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`)).body;

  async function createDistrict(slug: string, account: typeof accountA): Promise<HttpClient> {
    await sandbox.post('/sandbox/accounts', { accountSid: account.sid, authToken: account.token, smsUrl: `${stack.apiUrl}/webhooks/twilio/sms` });
    const platform = new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN);
    const created = await platform.post('/api/v1/platform/tenants', {
      slug,
      name: `${slug} Public Schools`,
      timezone: 'America/New_York',
      country: 'US',
      defaultLanguage: 'en',
      languages: ['es', 'vi'],
      sms: { provider: 'sandbox', accountSid: account.sid, authToken: account.token, fromNumber: account.number },
      admin: { email: `admin@${slug}.example.org`, password: 'correct horse battery', name: 'Admin' },
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(account.token);
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: slug,
      email: `admin@${slug}.example.org`,
      password: 'correct horse battery',
    });
    expect(login.status).toBe(200);
    const client = new HttpClient(stack.apiUrl, login.body.accessToken);
    // These districts keep no quiet hours, so the chain behaves the same whatever the hour;
    // quiet hours have their own specs.
    expect((await client.patch('/api/v1/settings', { quietHours: { start: '00:00', end: '00:00' } })).status).toBe(200);
    return client;
  }

  beforeAll(async () => {
    stack = await startStack('chain');
    sandbox = new HttpClient(stack.sandboxUrl);
    a = await createDistrict('district-a', accountA);
    b = await createDistrict('district-b', accountB);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('adds a school, students and families in three languages', async () => {
    const school = await a.post('/api/v1/schools', { name: 'Lincoln Elementary' });
    expect(school.status).toBe(201);
    ids.school = school.body.id;
    const student = async (givenName: string) =>
      (await a.post('/api/v1/students', { givenName, familyName: 'Doe', grade: '03', schoolId: ids.school })).body.id;
    const family = async (language: string, phone: string, studentIds: string[]) => {
      const created = await a.post('/api/v1/contacts', { givenName: `Parent-${language}`, phone, language, studentIds });
      expect(created.status).toBe(201);
      return created.body;
    };
    const kids = [await student('Ana'), await student('Bao'), await student('Cy'), await student('Dee')];
    await family('en', phones.en.replace('+1', ''), [kids[0]]);
    ids.esContact = (await family('es', phones.es, [kids[1], kids[2]])).id;
    await family('vi', phones.vi, [kids[2]]);
    // Two parents on one phone, one preferring Spanish and one English: one message, in Spanish.
    await family('es', phones.shared, [kids[3]]);
    const spouse = await family('en', phones.shared, [kids[3]]);
    expect(spouse.phone).toBe(phones.shared);
  });

  it('holds a notice while a needed translation is missing, then previews every language', async () => {
    const notice = await a.post('/api/v1/notices', {
      title: 'Early release',
      body: 'School closes at 12:30 on Friday for teacher training.',
      sourceLanguage: 'en',
      audience: { schoolIds: [ids.school] },
      urgency: 'normal',
    });
    expect(notice.status).toBe(201);
    ids.notice = notice.body.id;

    const held = await a.post(`/api/v1/notices/${ids.notice}/send`);
    expect(held.status).toBe(409);
    expect(held.body.details.missingLanguages.sort()).toEqual(['es', 'vi']);

    expect((await a.put(`/api/v1/notices/${ids.notice}/translations/es`, { body: 'La escuela cierra a las 12:30 el viernes.' })).status).toBe(200);
    expect((await a.put(`/api/v1/notices/${ids.notice}/translations/vi`, { body: 'Trường đóng cửa lúc 12:30 thứ Sáu.' })).status).toBe(200);

    const preview = await a.get(`/api/v1/notices/${ids.notice}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.recipients).toEqual({ total: 4, byLanguage: { en: 1, es: 2, vi: 1 } });
    const byLanguage = Object.fromEntries(preview.body.translations.map((t: any) => [t.language, t]));
    expect(byLanguage.en).toMatchObject({ origin: 'source', status: 'ready', encoding: 'GSM-7', segments: 1 });
    expect(byLanguage.es).toMatchObject({ origin: 'human', status: 'ready', encoding: 'GSM-7' });
    expect(byLanguage.vi).toMatchObject({ origin: 'human', status: 'ready', encoding: 'UCS-2' });
    expect(preview.body.estimatedSegments).toBe(4);
  });

  it('previews smart encoding: look-alike quotes and dashes replaced to stay GSM-7 unless turned off', async () => {
    const body = 'Don’t forget — picture day is “Monday”. ' + 'Bring a smile and wear your school colors, please. '.repeat(2);
    const draft = async (smartEncoding?: boolean) =>
      (await a.post('/api/v1/notices', { body, sourceLanguage: 'en', audience: { contactIds: [ids.esContact] }, urgency: 'normal', smartEncoding })).body;
    const smart = (await a.get(`/api/v1/notices/${(await draft()).id}/preview`)).body.translations[0];
    expect(smart).toMatchObject({
      language: 'en',
      encoding: 'GSM-7',
      segments: 1,
      body: expect.stringContaining('Don\'t forget - picture day is "Monday".'),
      smartEncoding: { applied: true, encodingWithout: 'UCS-2', segmentsWithout: 3 },
    });
    const asWritten = await draft(false);
    expect(asWritten.smartEncoding).toBe(false);
    const plain = (await a.get(`/api/v1/notices/${asWritten.id}/preview`)).body.translations[0];
    expect(plain).toMatchObject({ body, encoding: 'UCS-2', segments: 3 });
    expect(plain.smartEncoding).toBeUndefined();
  });

  it('delivers the notice once per phone, each in its language, and follows status callbacks', async () => {
    const correlationId = `spec-${randomHex(8)}`;
    expect((await a.post(`/api/v1/notices/${ids.notice}/send`, undefined, { 'x-correlation-id': correlationId })).status).toBe(202);
    const messages = await waitFor('four messages at the sandbox', async () => {
      const all = (await received()).filter((m) => m.from === accountA.number);
      return all.length >= 4 && all;
    });
    const to = messages.map((m) => m.to).sort();
    expect(to).toEqual([phones.en, phones.es, phones.vi, phones.shared].sort());
    const bodyFor = (phone: string) => messages.find((m) => m.to === phone)!.body;
    expect(bodyFor(phones.en)).toContain('School closes');
    expect(bodyFor(phones.es)).toContain('La escuela');
    expect(bodyFor(phones.shared)).toContain('La escuela');
    expect(bodyFor(phones.vi)).toContain('Trường');

    const notice = await waitFor('every message delivered', async () => {
      const current = await a.get(`/api/v1/notices/${ids.notice}`);
      return current.body.stats.delivered === 4 && current.body;
    });
    expect(notice.status).toBe('sent');
    const rows = await a.get(`/api/v1/notices/${ids.notice}/messages`);
    expect(rows.body.items).toHaveLength(4);
    expect(rows.body.items.every((m: any) => m.status === 'delivered' && m.providerSid.startsWith('SM'))).toBe(true);

    // One correlation id follows the notice through every app's logs.
    for (const app of ['api', 'translation', 'dispatcher', 'delivery']) {
      const log = readFileSync(join(stack.logDir, `${app}.log`), 'utf8');
      expect([app, log.includes(`"correlationId":"${correlationId}"`)]).toEqual([app, true]);
    }
  });

  it('threads a signed reply once, with both directions in the conversation', async () => {
    const messageSid = `SM${randomHex(16)}`;
    const reply = { accountSid: accountA.sid, from: phones.es, to: accountA.number, body: '¿A qué hora es la salida?', messageSid };
    const first = await sandbox.post('/sandbox/inbound', reply);
    expect(first.body.status).toBe(200);
    expect(first.body.body).toContain('<Response>');
    const again = await sandbox.post('/sandbox/inbound', reply);
    expect(again.body.status).toBe(200);

    const conversation = await waitFor('the reply in a conversation', async () => {
      const list = await a.get('/api/v1/conversations');
      return list.body.items.find((c: any) => c.phone === phones.es);
    });
    ids.conversation = conversation.id;
    const me = await a.get('/api/v1/me');
    expect(conversation.assignedUserId).toBe(me.body.id);
    expect(conversation.contact.id).toBe(ids.esContact);
    const thread = await a.get(`/api/v1/conversations/${ids.conversation}`);
    const inbound = thread.body.messages.filter((m: any) => m.direction === 'inbound');
    expect(inbound).toHaveLength(1);
    expect(inbound[0].body).toBe(reply.body);
    expect(thread.body.messages.some((m: any) => m.direction === 'outbound' && m.body.includes('La escuela'))).toBe(true);
  });

  it('refuses a forged webhook with 403 and stores nothing', async () => {
    const form = new URLSearchParams({ AccountSid: accountA.sid, From: phones.en, To: accountA.number, Body: 'forged', MessageSid: `SM${randomHex(16)}` });
    const forged = await fetch(`${stack.apiUrl}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' },
      body: form,
    });
    expect(forged.status).toBe(403);
    const unsigned = await fetch(`${stack.apiUrl}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(unsigned.status).toBe(403);
    const list = await a.get('/api/v1/conversations');
    expect(list.body.items.find((c: any) => c.phone === phones.en)).toBeUndefined();
  });

  it('sends a staff reply in the same thread', async () => {
    // The district has no engine: the answer goes to the Spanish-reading family as written, on the sender's word.
    expect((await a.post(`/api/v1/conversations/${ids.conversation}/messages`, { body: 'Dismissal is at 12:30.' })).status).toBe(409);
    const sent = await a.post(`/api/v1/conversations/${ids.conversation}/messages`, { body: 'Dismissal is at 12:30.', sendUntranslated: true });
    expect(sent.status).toBe(201);
    await waitFor('the staff reply at the family phone', async () => (await received(phones.es)).some((m) => m.body === 'Dismissal is at 12:30.'));
    const thread = await a.get(`/api/v1/conversations/${ids.conversation}`);
    expect(thread.body.messages.at(-1)).toMatchObject({ direction: 'outbound', kind: 'reply', body: 'Dismissal is at 12:30.' });
  });

  it('honours STOP with one confirmation, and suppresses the phone on the next notice', async () => {
    await sandbox.post('/sandbox/inbound', { accountSid: accountA.sid, from: phones.vi, to: accountA.number, body: ' Stop! ' });
    await sandbox.post('/sandbox/inbound', { accountSid: accountA.sid, from: phones.vi, to: accountA.number, body: 'STOP' });
    const confirmation = await waitFor('the opt-out confirmation', async () => {
      const toVi = (await received(phones.vi)).filter((m) => m.body.includes('START'));
      return toVi.length > 0 && toVi;
    });
    await waitFor('the second STOP to be processed', async () => {
      const contacts = await a.get(`/api/v1/contacts?q=${encodeURIComponent(phones.vi)}`);
      return contacts.body.items[0]?.optedOut === true;
    });
    expect(confirmation).toHaveLength(1);

    const before = (await received(phones.vi)).length;
    const next = await a.post('/api/v1/notices', { body: 'Picture day is Monday.', sourceLanguage: 'en', audience: { all: true }, urgency: 'normal' });
    await a.put(`/api/v1/notices/${next.body.id}/translations/es`, { body: 'El día de fotos es el lunes.' });
    const preview = await a.get(`/api/v1/notices/${next.body.id}/preview`);
    expect(preview.body.suppressed.optedOut).toBe(1);
    expect(preview.body.recipients.byLanguage).toEqual({ en: 1, es: 2 });
    expect((await a.post(`/api/v1/notices/${next.body.id}/send`)).status).toBe(202);
    const stats = await waitFor('the second notice delivered', async () => {
      const current = await a.get(`/api/v1/notices/${next.body.id}`);
      return current.body.stats.delivered === 3 && current.body.stats;
    });
    expect(stats.suppressed).toBe(1);
    expect((await received(phones.vi)).length).toBe(before);
  });

  it('answers HELP with the district name and STOP instructions', async () => {
    await sandbox.post('/sandbox/inbound', { accountSid: accountA.sid, from: phones.en, to: accountA.number, body: 'help' });
    const help = await waitFor('the HELP answer', async () =>
      (await received(phones.en)).find((m) => m.body.includes('STOP') && m.body.includes('district-a')),
    );
    expect(help.body).toMatch(/rates may apply/i);
  });

  it("shows tenant B nothing of tenant A's", async () => {
    expect((await b.get(`/api/v1/notices/${ids.notice}`)).status).toBe(404);
    expect((await b.get(`/api/v1/notices/${ids.notice}/preview`)).status).toBe(404);
    expect((await b.post(`/api/v1/notices/${ids.notice}/send`)).status).toBe(404);
    expect((await b.get(`/api/v1/contacts/${ids.esContact}`)).status).toBe(404);
    expect((await b.patch(`/api/v1/contacts/${ids.esContact}`, { language: 'fr' })).status).toBe(404);
    expect((await b.get(`/api/v1/conversations/${ids.conversation}`)).status).toBe(404);
    expect((await b.post(`/api/v1/conversations/${ids.conversation}/messages`, { body: 'hi' })).status).toBe(404);
    expect((await b.get('/api/v1/contacts')).body.items).toEqual([]);
    expect((await b.get('/api/v1/conversations')).body.items).toEqual([]);
    expect((await b.get('/api/v1/schools')).body).toEqual([]);
    const sneaky = await b.post('/api/v1/notices', { body: 'x', sourceLanguage: 'en', audience: { schoolIds: [ids.school] }, urgency: 'normal' });
    expect(sneaky.status).toBe(400);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);
    expect((await get(stack.ports.api, '/health')).status).toBe(200);
    const ready = (await (await get(stack.ports.api, '/health/ready')).json()) as { checks: Record<string, string> };
    expect(ready.checks).toEqual({ postgres: 'ok', migrations: 'ok', redis: 'ok' });
    const metrics = await (await get(stack.ports.delivery, '/metrics')).text();
    // Notices go in batches.
    expect(metrics).toMatch(/porchlight_jobs_total\{[^}]*job="message.send-batch"[^}]*outcome="completed"/);
    const docs = (await (await get(stack.ports.api, '/api/docs-json')).json()) as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/platform/tenants',
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/settings',
      '/api/v1/schools',
      '/api/v1/students',
      '/api/v1/contacts',
      '/api/v1/contacts/{id}',
      '/api/v1/notices',
      '/api/v1/notices/{id}',
      '/api/v1/notices/{id}/preview',
      '/api/v1/notices/{id}/translations/{language}',
      '/api/v1/notices/{id}/send',
      '/api/v1/notices/{id}/messages',
      '/api/v1/conversations',
      '/api/v1/conversations/{id}',
      '/api/v1/conversations/{id}/messages',
      '/webhooks/twilio/sms',
      '/webhooks/twilio/status',
    ]) {
      expect([path, path in docs.paths]).toEqual([path, true]);
    }
    expect((await get(stack.ports.api, '/api/docs')).status).toBe(200);
  });

  it('answers bad input with clear errors', async () => {
    const badPhone = await a.post('/api/v1/contacts', { phone: '12', language: 'en' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.details[0]).toMatchObject({ field: 'phone' });
    const unknownField = await a.post('/api/v1/schools', { name: 'X', colour: 'blue' });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body.details)).toContain('colour');
    const malformed = await a.post('/api/v1/schools', '{"name": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/JSON/);
    const huge = await a.post('/api/v1/schools', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const wrongPassword = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: 'district-a',
      email: 'admin@district-a.example.org',
      password: 'nope',
    });
    const unknownTenant = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: 'nowhere',
      email: 'admin@district-a.example.org',
      password: 'nope',
    });
    expect([wrongPassword.status, unknownTenant.status]).toEqual([401, 401]);
    expect(wrongPassword.body.message).toBe(unknownTenant.body.message);
    expect((await new HttpClient(stack.apiUrl).get('/api/v1/contacts')).status).toBe(401);
    expect((await new HttpClient(stack.apiUrl, 'forged.token.here').get('/api/v1/me')).status).toBe(401);
    expect((await a.get('/api/v1/notices/not-a-uuid')).status).toBe(404);
  });
});
