import { createServer, IncomingMessage, Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { checkTwilioAccount, createTwilioClient, ProviderError, TwilioSmsProvider } from '@porchlight/sms';
import OpenAPIResponseValidator from 'openapi-response-validator';
import { validateRequest } from 'twilio';
import { createSandboxApp } from './sandbox-app';

/** Twilio's own OpenAPI description: the contract the sandbox must honour. */
const SPEC_PATH = resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', 'twilio', 'twilio_api_v2010.json');
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
const LIST_PATH = '/2010-04-01/Accounts/{AccountSid}/Messages.json';
const ONE_PATH = '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json';
const ACCOUNT_PATH = '/2010-04-01/Accounts/{Sid}.json';

function validator(path: string, method: 'get' | 'post') {
  const operation = spec.paths[path][method];
  expect(operation).toBeDefined();
  return new OpenAPIResponseValidator({ responses: operation.responses, components: spec.components });
}

interface Received {
  url: string;
  params: Record<string, string>;
  signature: string;
}

/** A stand-in for Porchlight's webhook endpoint: records what the sandbox posts. */
async function receiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      received.push({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`,
        params: Object.fromEntries(new URLSearchParams(raw)),
        signature: String(req.headers['x-twilio-signature'] ?? ''),
      });
      res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response></Response>');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const waitUntil = async (what: string, check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('SMS sandbox against Twilio’s OpenAPI description', () => {
  let app: INestApplication;
  let baseUrl: string;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const accountSid = `AC${'ab'.repeat(16)}`;
  const authToken = 'sandbox-token-123';
  const client = () => createTwilioClient({ accountSid, authToken, baseUrl });
  const basic = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  beforeAll(async () => {
    hook = await receiver();
    app = await createSandboxApp({ publicBaseUrl: hook.url, callbackDelayMs: 1, logLevel: 'error' });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    hook.server.close();
  });

  it('creates, fetches and lists messages through the real Twilio SDK', async () => {
    const created = await client().messages.create({ to: '+12015550123', from: '+16175550100', body: 'Snow day: school is closed.' });
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created.status).toBe('queued');
    expect(created.numSegments).toBe('1');
    const fetched = await client().messages(created.sid).fetch();
    expect(fetched.body).toBe('Snow day: school is closed.');
    const listed = await client().messages.list({ to: '+12015550123' });
    expect(listed.map((m) => m.sid)).toContain(created.sid);
  });

  it('fetches the account for a credentials check, through the SDK and as the OpenAPI description says', async () => {
    expect(await checkTwilioAccount({ accountSid, authToken, baseUrl })).toMatchObject({ ok: true, accountStatus: 'active' });
    const refused = await checkTwilioAccount({ accountSid, authToken: 'not-the-token', baseUrl });
    expect(refused).toMatchObject({ ok: false, errorCode: 'unauthorized' });
    expect(JSON.stringify(refused)).not.toContain('not-the-token');
    const account = await fetch(`${baseUrl}/2010-04-01/Accounts/${accountSid}.json`, { headers: { authorization: basic } });
    expect(account.status).toBe(200);
    expect(validator(ACCOUNT_PATH, 'get').validateResponse(200, await account.json())).toBeUndefined();
    expect((await fetch(`${baseUrl}/2010-04-01/Accounts/${accountSid}.json`)).status).toBe(401);
  });

  it('answers create, fetch and list exactly as the OpenAPI description says', async () => {
    const form = new URLSearchParams({ To: '+12015550124', From: '+16175550100', Body: 'Early release at 12:30 – don’t forget' });
    const create = await fetch(`${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const createdBody = (await create.json()) as { sid: string };
    expect(create.status).toBe(201);
    expect(validator(LIST_PATH, 'post').validateResponse(201, createdBody)).toBeUndefined();

    const one = await fetch(`${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages/${createdBody.sid}.json`, { headers: { authorization: basic } });
    expect(one.status).toBe(200);
    expect(validator(ONE_PATH, 'get').validateResponse(200, await one.json())).toBeUndefined();

    const list = await fetch(`${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=2`, { headers: { authorization: basic } });
    expect(list.status).toBe(200);
    expect(validator(LIST_PATH, 'get').validateResponse(200, await list.json())).toBeUndefined();
  });

  it('validator catches a response that breaks the contract', () => {
    const errors = validator(ONE_PATH, 'get').validateResponse(200, { sid: 42, num_segments: 3 });
    expect(errors).toBeDefined();
  });

  it('refuses a wrong token with 401 and Twilio’s error body', async () => {
    const response = await fetch(`${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:wrong`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: '+12015550123', From: '+16175550100', Body: 'x' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20003, status: 401, more_info: expect.stringContaining('20003') });
  });

  it('injects carrier faults that the adapter classifies', async () => {
    const provider = new TwilioSmsProvider(client());
    await fetch(`${baseUrl}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ optedOut: ['+12015550130'], invalid: ['+12015550131'], rateLimitNext: 1 }),
    });
    const attempt = (to: string) =>
      provider.send({ to, from: '+16175550100', body: 'hi', statusCallback: `${hook.url}/status` }).catch((e: ProviderError) => e);
    expect(await attempt('+12015550132')).toMatchObject({ kind: 'rate_limited', code: 20429 });
    expect(await attempt('+12015550130')).toMatchObject({ kind: 'opted_out', code: 21610 });
    expect(await attempt('+12015550131')).toMatchObject({ kind: 'invalid_number', code: 21211 });
    expect(await attempt('+12015550132')).toMatchObject({ sid: expect.stringMatching(/^SM/) });
    await fetch(`${baseUrl}/sandbox/faults`, { method: 'DELETE' });
  });

  it('sends signed status callbacks in order, and undelivered with 30003 for an unreachable phone', async () => {
    await fetch(`${baseUrl}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unreachable: ['+12015550141'] }),
    });
    const provider = new TwilioSmsProvider(client());
    const ok = await provider.send({ to: '+12015550140', from: '+16175550100', body: 'hi', statusCallback: `${hook.url}/status?m=1` });
    const lost = await provider.send({ to: '+12015550141', from: '+16175550100', body: 'hi', statusCallback: `${hook.url}/status?m=2` });
    const callbacksFor = (sid: string) => hook.received.filter((r) => r.params.MessageSid === sid);
    await waitUntil('two callbacks each', () => callbacksFor(ok.sid).length === 2 && callbacksFor(lost.sid).length === 2);
    // No callback for the initial status (Twilio's rule); then sent, then the outcome.
    expect(callbacksFor(ok.sid).map((r) => r.params.MessageStatus)).toEqual(['sent', 'delivered']);
    expect(callbacksFor(lost.sid).map((r) => r.params.MessageStatus)).toEqual(['sent', 'undelivered']);
    expect(callbacksFor(lost.sid)[1].params.ErrorCode).toBe('30003');
    for (const callback of [...callbacksFor(ok.sid), ...callbacksFor(lost.sid)]) {
      expect(validateRequest(authToken, callback.signature, callback.url, callback.params)).toBe(true);
      expect(validateRequest('another-token', callback.signature, callback.url, callback.params)).toBe(false);
    }
    await fetch(`${baseUrl}/sandbox/faults`, { method: 'DELETE' });
  });

  it('texts as a family: a signed inbound webhook, replayable with the same MessageSid', async () => {
    const post = (messageSid?: string) =>
      fetch(`${baseUrl}/sandbox/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountSid, from: '+12015550150', to: '+16175550100', body: 'STOP', messageSid }),
      }).then((r) => r.json() as Promise<{ messageSid: string; status: number }>);
    const first = await post();
    expect(first.status).toBe(200);
    await post(first.messageSid);
    const inbound = hook.received.filter((r) => r.url.endsWith('/webhooks/twilio/sms'));
    expect(inbound.map((r) => r.params.MessageSid)).toEqual([first.messageSid, first.messageSid]);
    expect(inbound[0].params).toMatchObject({ AccountSid: accountSid, From: '+12015550150', To: '+16175550100', Body: 'STOP', NumMedia: '0' });
    expect(validateRequest(authToken, inbound[0].signature, inbound[0].url, inbound[0].params)).toBe(true);
  });

  it('refuses a create body over 256 KB with 413 in Twilio’s error shape, and creates nothing', async () => {
    const before = (await (await fetch(`${baseUrl}/sandbox/stats`)).json()) as Record<string, number>;
    const response = await fetch(`${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: '+12015550123', From: '+16175550100', Body: 'x'.repeat(300 * 1024) }).toString(),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, code: 20001 });
    const after = (await (await fetch(`${baseUrl}/sandbox/stats`)).json()) as Record<string, number>;
    expect(after.accepted).toBe(before.accepted);
  });

  it('counts every create call, accepted or not', async () => {
    const stats = (await (await fetch(`${baseUrl}/sandbox/stats`)).json()) as Record<string, number>;
    expect(stats.createCalls).toBe(stats.accepted + stats.rejected);
    expect(stats.rejected).toBeGreaterThanOrEqual(4);
  });
});
