import { addFamilies, createNoticeFixture, randomHex } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { ApiUnderTest, startApiUnderTest } from '../testing/api-under-test';

const PUBLIC_BASE_URL = 'https://porchlight.example.org';

describe('Bad input never reaches a 500: one rule for text, through the API in-process', () => {
  let api: ApiUnderTest;
  let token: string;
  let contactId: string;
  let noticeId: string;

  beforeAll(async () => {
    api = await startApiUnderTest('input-rules', { PUBLIC_BASE_URL });
    token = await api.token('district_admin');
    ({
      contactIds: [contactId],
    } = await addFamilies(api.db, api.fixture.tenantId, [{ phone: '+16175550161', language: 'es' }]));
    noticeId = await createNoticeFixture(api.db, api.fixture);
  });

  afterAll(() => api?.close());

  /** Sends `body` as written: a string is the raw JSON text (so it can hold a lone surrogate). */
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  /** Rows of the fixture district, and its settings, as one comparable value. */
  const snapshot = () =>
    api.db.txFor(api.fixture.tenantId, async (m) => {
      const [counts] = await m.query(
        `select (select count(*) from schools)::int as schools, (select count(*) from students)::int as students,
                (select count(*) from contacts)::int as contacts, (select count(*) from notices)::int as notices,
                (select count(*) from notice_translations)::int as translations, (select count(*) from glossary_terms)::int as glossary,
                (select count(*) from users)::int as users,
                (select md5(t::text) from tenants t where t.id = $1) as tenant,
                (select md5(c::text) from contacts c where c.id = $2) as contact`,
        [api.fixture.tenantId, contactId],
      );
      return counts;
    });

  it.each<[string, string, () => string, unknown, string[]]>([
    ['a contact', 'POST', () => '/api/v1/contacts', { givenName: 'Ana\u0000', phone: '+16175550162', language: 'es' }, ['givenName']],
    ['a contact change', 'PATCH', () => `/api/v1/contacts/${contactId}`, '{"familyName": "P\\ud800rez", "language": "es"}', ['familyName']],
    [
      'a notice',
      'POST',
      () => '/api/v1/notices',
      { body: 'Buses\u0000', sourceLanguage: 'en', urgency: 'normal', audience: { grades: ['03', 'K\u0000'] } },
      ['body', 'audience.grades.1'],
    ],
    ['a translation', 'PUT', () => `/api/v1/notices/${noticeId}/translations/es`, { body: 'Hola\u0000' }, ['body']],
    ['a glossary term', 'POST', () => '/api/v1/glossary', { term: 'PTA', translations: { es: 'Asociaci\u0000n' } }, ['translations.es']],
    ['settings', 'PATCH', () => '/api/v1/settings', { name: 'Springfield\u0000', helpText: '\udc00' }, ['name', 'helpText']],
    ['a school', 'POST', () => '/api/v1/schools', { name: 'Lincoln\u0000' }, ['name']],
    ['a student', 'POST', () => '/api/v1/students', '{"givenName": "\\udbff", "familyName": "Kid", "schoolId": "not-checked-yet"}', ['givenName']],
  ])('refuses NUL and lone surrogates in %s with a 400 naming each field, storing nothing', async (_, method, path, body, fields) => {
    const before = await snapshot();
    const { status, body: answer } = await call(method, path(), body);
    expect(status).toBe(400);
    expect(answer).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'validation failed' });
    expect(answer.details.map((d: { field: string }) => d.field)).toEqual(fields);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses NUL in query strings and route parameters, naming them', async () => {
    expect((await call('GET', '/api/v1/contacts?q=Ana%00')).body.details).toEqual([{ field: 'q', message: expect.stringContaining('NUL') }]);
    expect((await call('GET', `/api/v1/contacts/${contactId}%00`)).body.details).toEqual([{ field: 'id', message: expect.stringContaining('NUL') }]);
    expect((await call('PUT', `/api/v1/notices/${noticeId}/translations/es%00`, { body: 'Hola' })).body.details).toEqual([
      { field: 'language', message: expect.stringContaining('NUL') },
    ]);
    // Text that only looks odd is fine.
    expect((await call('GET', `/api/v1/contacts?q=${encodeURIComponent('Ana 👋🏽 \u0001')}`)).status).toBe(200);
  });

  describe('paging cursors', () => {
    const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const lists = () => ['/api/v1/contacts', '/api/v1/conversations', `/api/v1/notices/${noticeId}/messages`, `/api/v1/notices/${noticeId}/replies`];
    const cursors: [string, string][] = [
      ['garbled', '%%%not*base64'],
      ['base64 of garbage', Buffer.from([0xff, 0x00, 0xfe, 0x10]).toString('base64url')],
      ['forged with a word for an id', forged(['not-a-uuid'])],
      ['forged with words for a time and an id', forged(['yesterday', 'someone'])],
      ['forged with a NUL inside', forged(['+1617\u0000', '2026-01-01T00:00:00.000Z'])],
      ['forged with objects', forged([{ $gt: 1 }, [2]])],
      ['far too long', 'A'.repeat(600)],
    ];

    it.each(cursors)('answers a %s cursor with a 400 naming cursor, on every list', async (_, cursor) => {
      for (const path of lists()) {
        const { status, body } = await call('GET', `${path}?cursor=${encodeURIComponent(cursor)}`);
        expect({ path, status, fields: body.details?.map((d: { field: string }) => d.field) }).toEqual({ path, status: 400, fields: ['cursor'] });
      }
    });

    it('still follows the cursors it issued', async () => {
      await addFamilies(api.db, api.fixture.tenantId, [
        { phone: '+16175550171', language: 'en' },
        { phone: '+16175550172', language: 'en' },
      ]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await call(
          'GET',
          `/api/v1/contacts?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((c) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(3);
    });
  });

  it('answers ids that are not UUIDs with 404 on every kind of row', async () => {
    for (const path of ['/api/v1/contacts/42', '/api/v1/notices/42', '/api/v1/notices/42/messages', '/api/v1/conversations/42', '/api/v1/imports/42']) {
      expect({ path, status: (await call('GET', path)).status }).toEqual({ path, status: 404 });
    }
    expect((await call('DELETE', '/api/v1/glossary/42')).status).toBe(404);
  });

  it('answers paths and queries that are not valid percent-encoding with a 4xx in the error shape', async () => {
    for (const path of [
      '/api/v1/contacts/%E0%A4%A',
      '/api/v1/contacts/%',
      `/api/v1/notices/${noticeId}/translations/%ZZ`,
      '/api/v1/contacts?q=%E0%A4%A&language=%',
    ]) {
      const { status, body } = await call('GET', path);
      expect({ path, status: status >= 400 && status < 500, shape: typeof body?.message === 'string' && body?.statusCode === status }).toEqual({
        path,
        status: true,
        shape: true,
      });
    }
  });

  it('refuses prototype keys and bodies nested too deeply', async () => {
    const polluted = await call('POST', '/api/v1/schools', '{"name": "Lincoln", "__proto__": {"role": "district_admin"}}');
    expect(polluted.status).toBe(400);
    expect(polluted.body.details).toEqual([{ field: '__proto__', message: expect.stringContaining('not a field name') }]);
    const deep = await call('POST', '/api/v1/schools', `{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.details).toEqual([{ field: expect.stringMatching(/^name(\.0)+$/), message: expect.stringContaining('nested more than') }]);
  });

  it('answers an unreadable body from a known caller in the error shape', async () => {
    expect((await call('POST', '/api/v1/schools', '{"name": ')).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'request body is not valid JSON',
    });
    const huge = await call('POST', '/api/v1/schools', JSON.stringify({ name: 'x'.repeat(api.env.MAX_BODY_BYTES) }));
    expect(huge.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'request body is too large' });
  });

  describe("Twilio's webhooks keep what phones send", () => {
    const post = async (path: string, params: Record<string, string>, token = api.fixture.authToken) => {
      const response = await fetch(`${api.base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': getExpectedTwilioSignature(token, `${PUBLIC_BASE_URL}${path}`, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      return { status: response.status, text: await response.text() };
    };
    const inbound = (extra: Record<string, string>) => ({
      AccountSid: api.fixture.accountSid,
      From: '+16175550163',
      To: '+16175550100',
      MessageSid: `SM${randomHex(16)}`,
      Body: 'Hola',
      ...extra,
    });
    const stored = (sid: string) =>
      api.db.txFor(api.fixture.tenantId, async (m) => (await m.query(`select phone, body from messages where provider_sid = $1`, [sid]))[0]);

    it('stores an inbound text holding NUL, with U+FFFD in its place', async () => {
      const params = inbound({ Body: 'S\u0000 vamos \u{1F44D}' });
      const { status, text } = await post('/webhooks/twilio/sms', params);
      expect(status).toBe(200);
      expect(text).toContain('<Response>');
      expect(await stored(params.MessageSid)).toEqual({ phone: '+16175550163', body: 'S\uFFFD vamos \u{1F44D}' });
    });

    it('answers 403 to an AccountSid holding NUL, and stores nothing', async () => {
      const params = inbound({ AccountSid: `${api.fixture.accountSid}\u0000` });
      expect((await post('/webhooks/twilio/sms', params)).status).toBe(403);
      expect(await stored(params.MessageSid)).toBeUndefined();
    });

    it('ignores status callbacks with statuses or error codes it does not know', async () => {
      const [message] = await api.db.txFor(api.fixture.tenantId, (m) =>
        m.query(
          `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid) values ($1, 'outbound', 'notice', '+16175550161', 'x', 'sending', $2) returning id, provider_sid`,
          [api.fixture.tenantId, `SM${randomHex(16)}`],
        ),
      );
      const callback = (extra: Record<string, string>) =>
        post('/webhooks/twilio/status', { AccountSid: api.fixture.accountSid, From: '+16175550100', MessageSid: message.provider_sid, ...extra });
      for (const status of ['constructor', '__proto__', 'toString']) expect((await callback({ MessageStatus: status })).status).toBe(204);
      expect((await callback({ MessageStatus: 'delivered', ErrorCode: '3000\u00003' })).status).toBe(204);
      expect((await callback({ MessageStatus: 'sent', MessageSid: `SM\u0000${randomHex(15)}` })).status).toBe(204);
      const [row] = await api.db.txFor(api.fixture.tenantId, (m) => m.query(`select status, error_code from messages where id = $1`, [message.id]));
      expect(row).toEqual({ status: 'delivered', error_code: null });
    });
  });
});
