import { IncomingMessage } from 'node:http';
import { randomHex } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { startApiUnderTest, ApiUnderTest } from '../testing/api-under-test';

const PUBLIC_BASE_URL = 'https://porchlight.example.org';

/**
 * Twilio's status callbacks, answered on Node's HTTP server ahead of Express, answer exactly as the
 * Nest route does: 204 once stored, 403 storing nothing for a bad signature, the API's error body
 * for a body too large; anything but a POST to the path itself is left to Express and Nest.
 */
describe('POST /webhooks/twilio/status (lean route)', () => {
  let api: ApiUnderTest;
  /** Requests Express saw for the status callback path. */
  const seenByExpress: string[] = [];

  beforeAll(async () => {
    api = await startApiUnderTest('status-callback', { PUBLIC_BASE_URL, MAX_BODY_BYTES: '4096' }, {}, (app) => {
      const express = app.getHttpAdapter().getInstance() as { handle: (req: IncomingMessage, ...rest: unknown[]) => unknown };
      const handle = express.handle.bind(express);
      express.handle = (req, ...rest) => {
        if (req.url?.startsWith('/webhooks/twilio/status')) seenByExpress.push(`${String(req.method)} ${req.url}`);
        return handle(req, ...rest);
      };
    });
  });
  afterAll(() => api.close());

  const outbound = async (status = 'sending') => {
    const [row] = await api.db.txFor(api.fixture.tenantId, (m) =>
      m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid) values ($1, 'outbound', 'notice', '+16175550161', 'x', $2, $3) returning id, provider_sid`,
        [api.fixture.tenantId, status, `SM${randomHex(16)}`],
      ),
    );
    return row as { id: string; provider_sid: string };
  };
  const statusOf = async (id: string) =>
    (await api.db.txFor(api.fixture.tenantId, (m) => m.query(`select status from messages where id = $1`, [id])))[0].status as string;
  const post = async (path: string, params: Record<string, string>, { token = api.fixture.authToken, signedParams = params } = {}) => {
    const response = await fetch(`${api.base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(token, `${PUBLIC_BASE_URL}${path}`, signedParams),
      },
      body: new URLSearchParams(params).toString(),
    });
    return {
      status: response.status,
      body: response.status === 204 ? undefined : await response.json(),
      correlation: response.headers.get('x-correlation-id'),
      policy: response.headers.get('content-security-policy'),
    };
  };

  it('stores a signed status, with or without our message id in the URL, and answers 204 with a correlation id and the API’s headers', async () => {
    const first = await outbound();
    const answer = await post(`/webhooks/twilio/status?m=${first.id}`, {
      AccountSid: api.fixture.accountSid,
      From: '+16175550100',
      MessageSid: first.provider_sid,
      MessageStatus: 'delivered',
    });
    expect(answer).toMatchObject({ status: 204 });
    expect(answer.correlation).toMatch(/^[0-9a-f-]{36}$/);
    // The headers every response of the API carries (docs/http.md).
    expect(answer.policy).toContain("frame-ancestors 'none'");
    expect(await statusOf(first.id)).toBe('delivered');

    const second = await outbound();
    expect(
      (
        await post('/webhooks/twilio/status', {
          AccountSid: api.fixture.accountSid,
          From: '+16175550100',
          MessageSid: second.provider_sid,
          MessageStatus: 'undelivered',
          ErrorCode: '30005',
        })
      ).status,
    ).toBe(204);
    expect(await statusOf(second.id)).toBe('undelivered');
  });

  it('answers 403 and stores nothing when the signature is wrong (another token, or fields changed after signing)', async () => {
    const message = await outbound();
    const params = { AccountSid: api.fixture.accountSid, From: '+16175550100', MessageSid: message.provider_sid, MessageStatus: 'delivered' };
    const forged = await post(`/webhooks/twilio/status?m=${message.id}`, params, { token: 'not-the-token-0123456789abcdef' });
    expect(forged).toMatchObject({ status: 403, body: { statusCode: 403, error: 'Forbidden' } });
    const altered = await post(`/webhooks/twilio/status?m=${message.id}`, params, { signedParams: { ...params, MessageStatus: 'failed' } });
    expect(altered.status).toBe(403);
    expect(await statusOf(message.id)).toBe('sending');
  });

  it('answers 413 in the API’s error shape for a body over MAX_BODY_BYTES, storing nothing', async () => {
    const message = await outbound();
    const answer = await post(`/webhooks/twilio/status?m=${message.id}`, {
      AccountSid: api.fixture.accountSid,
      MessageSid: message.provider_sid,
      MessageStatus: 'delivered',
      Padding: 'x'.repeat(8192),
    });
    expect(answer).toMatchObject({ status: 413, body: { statusCode: 413, message: 'request body is too large' } });
    expect(await statusOf(message.id)).toBe('sending');
  });

  it('is answered before Express sees it, and leaves other methods and paths to the API’s routes', async () => {
    seenByExpress.length = 0;
    const message = await outbound();
    const path = `/webhooks/twilio/status?m=${message.id}`;
    const params = { AccountSid: api.fixture.accountSid, From: '+16175550100', MessageSid: message.provider_sid, MessageStatus: 'sent' };
    expect((await post(path, params)).status).toBe(204);
    expect(await statusOf(message.id)).toBe('sent');
    expect(seenByExpress).toEqual([]);

    expect((await fetch(`${api.base}/webhooks/twilio/status`)).status).toBe(404);
    expect((await fetch(`${api.base}/webhooks/twilio/status/extra`, { method: 'POST' })).status).toBe(404);
    expect(seenByExpress).toEqual(['GET /webhooks/twilio/status', 'POST /webhooks/twilio/status/extra']);
  });
});
