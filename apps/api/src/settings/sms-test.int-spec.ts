import { InProcessApi, LocalProviderServer, randomAccountSid, RecordedRequest, startInProcessApi, useIntegration } from '@porchlight/testing';
import { createApiApp } from '../bootstrap';
import { staffToken } from '../testing/records-spec-helpers';

const PATH = '/api/v1/settings/sms/test';

interface SmsTrialAnswer {
  ok: boolean;
  provider: string;
  accountSid: string;
  accountStatus?: string;
  errorCode?: string;
  error?: string;
}

jest.setTimeout(30_000);

/**
 * "Test it" for a district's SMS account: the Twilio SDK fetches the account from the provider
 * (here a local server speaking Twilio's `GET /2010-04-01/Accounts/{Sid}.json`, where tenants on
 * provider `sandbox` are sent); nothing is sent, and the saved token never goes with another SID.
 */
describe('POST /api/v1/settings/sms/test (API in-process, Postgres, a local Twilio-speaking server)', () => {
  const spec = useIntegration('sms-test');
  let api: InProcessApi;
  let twilio: LocalProviderServer;
  let admin: string;
  const suspended = randomAccountSid();
  /** Account SID → the token the provider accepts for it. */
  const tokens = new Map<string, string>();

  /** Twilio's account fetch with HTTP Basic, answering 401 with error 20003 to a wrong SID or token. */
  const accountFetch = (request: RecordedRequest) => {
    const sid = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\.json$/.exec(request.path)?.[1];
    const [user, token] = Buffer.from(String(request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':');
    if (request.method !== 'GET' || !sid || user !== sid || tokens.get(sid) !== token) {
      return { status: 401, body: { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 } };
    }
    return { status: 200, body: { sid, friendly_name: 'District', status: sid === suspended ? 'suspended' : 'active', type: 'Full' } };
  };

  beforeAll(async () => {
    twilio = await new LocalProviderServer(accountFetch).start();
    tokens.set(spec.fixture.accountSid, spec.fixture.authToken);
    tokens.set(suspended, 'suspended-token-123');
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix, env: { SMS_SANDBOX_URL: twilio.url } });
    admin = (await staffToken(spec.db, spec.fixture, 'district_admin', spec.fixture.adminId)).token;
  });
  beforeEach(() => twilio.reset());

  spec.onTeardown(async () => {
    await api?.close();
    await twilio?.stop();
  });

  const trial = async (body: object, token = admin) => {
    const answer = await api.as(token).post<SmsTrialAnswer>(PATH, body);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain(spec.fixture.authToken);
    return answer.body;
  };

  it('accepts the saved account and token, and says when a typed token is refused or the account is not active', async () => {
    expect(await trial({})).toMatchObject({ ok: true, provider: 'sandbox', accountSid: spec.fixture.accountSid, accountStatus: 'active' });
    const refused = await trial({ authToken: 'not-the-token-1' });
    expect(refused).toMatchObject({ ok: false, errorCode: 'unauthorized', error: expect.stringMatching(/refused the Account SID and auth token/) });
    expect(await trial({ accountSid: suspended, authToken: 'suspended-token-123' })).toMatchObject({
      ok: false,
      errorCode: 'suspended',
      accountStatus: 'suspended',
    });
    expect(twilio.requests.map((r) => r.path)).toEqual([
      `/2010-04-01/Accounts/${spec.fixture.accountSid}.json`,
      `/2010-04-01/Accounts/${spec.fixture.accountSid}.json`,
      `/2010-04-01/Accounts/${suspended}.json`,
    ]);
  });

  it('is for district admins only, and refuses bad input with a 400 naming the field', async () => {
    for (const role of ['staff', 'school_admin', 'liaison'] as const) {
      const { token } = await staffToken(spec.db, spec.fixture, role);
      expect((await api.as(token).post(PATH, {})).status).toBe(403);
    }
    const bad = await api.as(admin).post(PATH, { accountSid: 'AC123', provider: 'carrier-pigeon' });
    expect(bad.status).toBe(400);
    expect((bad.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['accountSid', 'provider']);
    expect(twilio.requests).toHaveLength(0);
  });

  it('never sends the saved token with another Account SID, and says when the provider cannot be reached', async () => {
    expect(await trial({ accountSid: suspended })).toMatchObject({ ok: false, errorCode: 'incomplete' });
    expect(twilio.requests).toHaveLength(0);
    // Last: the provider goes away for good.
    await twilio.stop();
    expect(await trial({})).toMatchObject({ ok: false, errorCode: 'unreachable', error: expect.stringMatching(/could not be reached/) });
  });
});
