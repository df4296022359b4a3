import { IncomingMessage } from 'node:http';
import { jobId, QueueName } from '@porchlight/contracts';
import { SecretBox } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { createTenantFixture, randomHex, randomSecretsKey, TenantFixture } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { ApiUnderTest, startApiUnderTest } from '../testing/api-under-test';

const PUBLIC_BASE_URL = 'https://porchlight.example.org';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Families' texts, answered on Node's HTTP server ahead of Express, answer exactly as the Nest
 * route does — empty TwiML once the text is stored and its job queued, 403 storing nothing for a
 * bad signature, the API's error body for anything else — and Express never sees them; other
 * methods and spellings of the path are left to Express and Nest.
 */
describe('POST /webhooks/twilio/sms (lean route)', () => {
  let api: ApiUnderTest;
  let jobs: JobProducer;
  /** Requests Express saw for the inbound path. */
  const seenByExpress: string[] = [];

  beforeAll(async () => {
    api = await startApiUnderTest('inbound-sms', { PUBLIC_BASE_URL, MAX_BODY_BYTES: '4096' }, {}, (app) => {
      const express = app.getHttpAdapter().getInstance() as { handle: (req: IncomingMessage, ...rest: unknown[]) => unknown };
      const handle = express.handle.bind(express);
      express.handle = (req, ...rest) => {
        if (req.url?.toLowerCase().startsWith('/webhooks/twilio/sms')) seenByExpress.push(`${String(req.method)} ${req.url}`);
        return handle(req, ...rest);
      };
    });
    jobs = api.app.get(JobProducer);
  });
  afterAll(() => api.close());
  beforeEach(() => {
    seenByExpress.length = 0;
  });

  const text = (extra: Record<string, string> = {}, district: TenantFixture = api.fixture): Record<string, string> => ({
    AccountSid: district.accountSid,
    MessageSid: `SM${randomHex(16)}`,
    From: '+16175550142',
    To: '+16175550100',
    Body: 'Sí, allí estaremos',
    NumSegments: '1',
    ApiVersion: '2010-04-01',
    ...extra,
  });
  const post = async (
    path: string,
    params: Record<string, string>,
    { token = api.fixture.authToken, signedParams = params, headers = {} as Record<string, string>, body = new URLSearchParams(params).toString() } = {},
  ) => {
    const response = await fetch(`${api.base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(token, `${PUBLIC_BASE_URL}${path}`, signedParams),
        ...headers,
      },
      body,
    });
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      body: type.startsWith('application/json') ? ((await response.json()) as unknown) : await response.text(),
      correlation: response.headers.get('x-correlation-id'),
      policy: response.headers.get('content-security-policy'),
    };
  };
  const stored = async (sid: string, district: TenantFixture = api.fixture) => {
    const rows: { id: string; phone: string; body: string; status: string }[] = await api.db.txFor(district.tenantId, (m) =>
      m.query(`select id, phone, body, status from messages where direction = 'inbound' and provider_sid = $1`, [sid]),
    );
    return rows;
  };
  const job = async (messageId: string) => {
    const found = await jobs.queue(QueueName.Inbound).getJob(jobId.processInbound(messageId));
    return found ? { name: found.name, data: found.data as unknown } : undefined;
  };

  it('stores a signed text and its job before answering empty TwiML, with the request’s correlation id and the API’s headers', async () => {
    const params = text();
    const answer = await post('/webhooks/twilio/sms', params, { headers: { 'x-correlation-id': 'twilio-inbound-0001' } });
    expect(answer).toMatchObject({ status: 200, type: 'text/xml; charset=utf-8', body: EMPTY_TWIML, correlation: 'twilio-inbound-0001' });
    expect(answer.policy).toContain("frame-ancestors 'none'");
    const [row] = await stored(params.MessageSid);
    expect(row).toMatchObject({ phone: '+16175550142', body: 'Sí, allí estaremos', status: 'received' });
    expect(await job(row.id)).toEqual({
      name: 'inbound.process',
      data: { tenantId: api.fixture.tenantId, correlationId: 'twilio-inbound-0001', messageId: row.id },
    });

    // With a query string (signed with it, as Twilio signs the URL it calls); and a correlation id of its own.
    const again = text();
    const queried = await post('/webhooks/twilio/sms?district=north', again);
    expect(queried).toMatchObject({ status: 200, body: EMPTY_TWIML, correlation: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await stored(again.MessageSid)).toHaveLength(1);
    expect(seenByExpress).toEqual([]);
  });

  it('stores a MessageSid once, with one job, however many times and however close together Twilio posts it', async () => {
    const params = text();
    const others = [text(), text()];
    const answers = await Promise.all([params, params, ...others, params].map((p) => post('/webhooks/twilio/sms', p)));
    expect(answers.map((answer) => [answer.status, answer.body])).toEqual(answers.map(() => [200, EMPTY_TWIML]));
    for (const p of [params, ...others]) {
      const rows = await stored(p.MessageSid);
      expect(rows).toHaveLength(1);
      expect(await job(rows[0].id)).toMatchObject({ name: 'inbound.process' });
    }
    expect(seenByExpress).toEqual([]);
  });

  it('answers 403 and stores nothing for a missing or wrong signature (another token, another URL, fields changed after signing)', async () => {
    const params = text();
    const answers = [
      await post('/webhooks/twilio/sms', params, { token: 'not-the-token-0123456789abcdef' }),
      await post('/webhooks/twilio/sms', params, { signedParams: { ...params, Body: 'something else' } }),
      await post('/webhooks/twilio/sms', params, {
        headers: { 'x-twilio-signature': getExpectedTwilioSignature(api.fixture.authToken, `${PUBLIC_BASE_URL}/elsewhere`, params) },
      }),
      await post('/webhooks/twilio/sms', { ...params, AccountSid: `AC${randomHex(16)}` }),
    ];
    const missing = await fetch(`${api.base}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    for (const answer of answers) expect(answer).toMatchObject({ status: 403, body: { statusCode: 403, error: 'Forbidden' } });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'missing Twilio signature' });
    expect(await stored(params.MessageSid)).toEqual([]);
    expect(seenByExpress).toEqual([]);
  });

  it('answers the API’s error body for a text without MessageSid or From, a body too large or with too many fields, and stores nothing', async () => {
    const noSid = text();
    delete noSid.MessageSid;
    const noFrom = text();
    delete noFrom.From;
    const invalid = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'validation failed',
      details: [{ field: 'MessageSid', message: 'MessageSid and From are required' }],
    };
    expect(await post('/webhooks/twilio/sms', noSid)).toMatchObject({ status: 400, body: invalid });
    expect(await post('/webhooks/twilio/sms', noFrom)).toMatchObject({ status: 400, body: invalid });
    expect(await stored(noFrom.MessageSid)).toEqual([]);

    const large = text({ Body: 'x'.repeat(8192) });
    expect(await post('/webhooks/twilio/sms', large)).toMatchObject({
      status: 413,
      body: { statusCode: 413, error: 'Payload Too Large', message: 'request body is too large' },
    });
    const crowded = text(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`MediaUrl${String(i)}`, ''])));
    expect(await post('/webhooks/twilio/sms', crowded)).toMatchObject({
      status: 413,
      body: { statusCode: 413, error: 'Payload Too Large', message: 'request body could not be read' },
    });
    expect([...(await stored(large.MessageSid)), ...(await stored(crowded.MessageSid))]).toEqual([]);
    expect(seenByExpress).toEqual([]);
  });

  it('answers 503, not 403, for a district whose token cannot be read, and stores nothing', async () => {
    const district = await createTenantFixture(api.db);
    await api.db.txFor(district.tenantId, (m) =>
      m.query(`update tenants set sms_auth_token_enc = $2 where id = $1`, [district.tenantId, new SecretBox(randomSecretsKey()).seal(district.authToken)]),
    );
    const params = text({}, district);
    expect(await post('/webhooks/twilio/sms', params, { token: district.authToken })).toMatchObject({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable' },
    });
    expect(await stored(params.MessageSid, district)).toEqual([]);
    expect(seenByExpress).toEqual([]);
  });

  it('stores what a phone sent whatever its bytes (NUL, malformed escapes), never answering 500', async () => {
    const params = text({ From: '+16175550143', Body: 'S\u0000 vamos \u{1F44D}' });
    const answer = await post('/webhooks/twilio/sms', { ...params, Note: '100%zz' }, { body: `${new URLSearchParams(params).toString()}&Note=100%zz` });
    expect(answer).toMatchObject({ status: 200, body: EMPTY_TWIML });
    expect((await stored(params.MessageSid))[0]).toMatchObject({ phone: '+16175550143', body: 'S\uFFFD vamos \u{1F44D}' });
    expect(seenByExpress).toEqual([]);
  });

  it('is answered before Express sees it, and leaves other methods and spellings of the path to the API’s routes', async () => {
    const params = text();
    expect((await post('/webhooks/twilio/sms', params)).status).toBe(200);
    expect(seenByExpress).toEqual([]);

    // Nest's route answers the other spellings with the same rules.
    const slashed = text();
    expect(await post('/webhooks/twilio/sms/', slashed)).toMatchObject({ status: 200, body: EMPTY_TWIML });
    expect(await stored(slashed.MessageSid)).toHaveLength(1);
    const upper = text();
    expect(await post('/Webhooks/Twilio/SMS', upper)).toMatchObject({ status: 200, body: EMPTY_TWIML });
    expect(await stored(upper.MessageSid)).toHaveLength(1);
    expect((await post('/webhooks/twilio/sms/', text(), { token: 'not-the-token-0123456789abcdef' })).status).toBe(403);
    expect((await fetch(`${api.base}/webhooks/twilio/sms`)).status).toBe(404);
    expect((await fetch(`${api.base}/webhooks/twilio/sms/extra`, { method: 'POST' })).status).toBe(404);
    expect(seenByExpress).toEqual([
      'POST /webhooks/twilio/sms/',
      'POST /Webhooks/Twilio/SMS',
      'POST /webhooks/twilio/sms/',
      'GET /webhooks/twilio/sms',
      'POST /webhooks/twilio/sms/extra',
    ]);
  });
});
