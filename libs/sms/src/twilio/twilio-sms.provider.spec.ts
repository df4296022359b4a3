import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ProviderError } from '../sms-provider.port';
import { createTwilioClient } from './twilio-client';
import { TwilioSmsProvider } from './twilio-sms.provider';

const ACCOUNT = 'AC' + 'a'.repeat(32);
const TOKEN = 'tok-secret-0123456789';
const PHONE = '+16175550142';
const PLANTED = 'sk_live_PLANTED-4b3a2c1d';

/**
 * The Twilio adapter through the official SDK against a local server answering as Twilio does
 * (`{ code, message, more_info, status }`, HTML from a proxy, nothing at all): whatever Twilio
 * says, and whatever the SDK makes of it, the ProviderError carries our words only.
 */
describe.each(['undici', 'axios'] as const)('TwilioSmsProvider errors (SDK on %s)', (http) => {
  let server: Server;
  let url = '';
  let answer: { status: number; body: string; type?: string; never?: boolean } = { status: 500, body: '' };
  let received: { method?: string; url?: string; authorization?: string; type?: string; body: string }[] = [];

  beforeEach(() => {
    received = [];
  });
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, authorization: req.headers.authorization, type: req.headers['content-type'], body });
        if (answer.never) return;
        res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  const provider = (timeoutMs = 2_000) => new TwilioSmsProvider(createTwilioClient({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl: url, timeoutMs, http }));
  const twilioError = (status: number, code: number) =>
    JSON.stringify({
      code,
      message: `The 'To' number ${PHONE} is not valid (${PLANTED}, token ${TOKEN})`,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    });
  const send = () =>
    provider()
      .send({ to: PHONE, body: 'School closes at noon', from: '+16175550100', statusCallback: 'http://localhost/cb' })
      .catch((e: unknown) => e);

  it.each([
    ['21211', 400, twilioError(400, 21211), undefined, 'invalid_number', "The 'To' number is not a valid phone number (21211)"],
    ['an unknown code', 400, twilioError(400, 21999), undefined, 'transient', 'Twilio error 21999'],
    ['20003', 401, twilioError(401, 20003), undefined, 'permanent', 'The Twilio credentials were refused (20003)'],
    ['an HTML 404', 404, `<html>${PLANTED} ${PHONE}</html>`, 'text/html', 'transient', 'The provider refused the message (HTTP 404)'],
    ['an HTML 503', 503, `<html>${PLANTED} ${PHONE}</html>`, 'text/html', 'transient', 'The provider failed (HTTP 503)'],
  ])('%s is told in our words', async (_, status, body, type, kind, message) => {
    answer = { status, body, type };
    const error = await send();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind, message });
    const text = `${(error as Error).message} ${(error as Error).stack}`;
    for (const secret of [PLANTED, '6175550142', TOKEN, url]) expect(text).not.toContain(secret);
  });

  it('says only the error code when nothing answers', async () => {
    const closed = createTwilioClient({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000, http });
    const error = await new TwilioSmsProvider(closed).fetch('SM' + 'b'.repeat(32)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', message: 'The provider could not be reached (ECONNREFUSED)', mayHaveArrived: false });
  });

  it('sends what Twilio expects: a form-encoded create on the account’s Messages resource with Basic auth', async () => {
    answer = { status: 201, body: JSON.stringify({ sid: 'SM' + 'c'.repeat(32), status: 'queued', num_segments: '1' }) };
    const accepted = await provider().send({
      to: PHONE,
      body: 'School closes at noon & buses leave at 11:30',
      from: '+16175550100',
      statusCallback: 'http://localhost/cb?m=1',
    });
    expect(accepted).toMatchObject({ sid: 'SM' + 'c'.repeat(32) });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`, type: 'application/x-www-form-urlencoded' });
    expect(request.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: PHONE,
      From: '+16175550100',
      Body: 'School closes at noon & buses leave at 11:30',
      StatusCallback: 'http://localhost/cb?m=1',
    });
  });

  it('says the request may have arrived when the provider took it and never answered', async () => {
    answer = { status: 201, body: '', never: true };
    const error = await provider(300)
      .send({ to: PHONE, body: 'School closes at noon', from: '+16175550100', statusCallback: 'http://localhost/cb' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'transient', mayHaveArrived: true });
    expect(received).toHaveLength(1);
  });
});
