import { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv } from '@porchlight/config';
import { addStaffUser, HttpClient, HttpResult, randomHex, TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../bootstrap';

// Every failed sign-in costs an argon2id verification; a hundred of them take a while on a busy machine.
jest.setTimeout(180_000);

const PASSWORD = 'correct horse battery';
const CALLS_PER_MINUTE = 25;

/**
 * Sign-in throttling with the default limits, through the API in-process. Each test signs in from
 * an address of its own (`X-Forwarded-For`; the API trusts one proxy), so address counts do not
 * mix. No test waits for a lock to pass: each reads `Retry-After` instead.
 */
describe('Sign-in throttling and call budgets (API in-process, Redis shared by API processes)', () => {
  let app: INestApplication;
  const spec = useIntegration('login-throttle');
  let api: HttpClient;
  let slug: string;

  beforeAll(async () => {
    [{ slug }] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select slug from tenants where id = $1`, [spec.fixture.tenantId]));
    const env = loadEnv(ApiEnv, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: spec.prefix,
      SECRETS_KEY: TEST_SECRETS_KEY,
      PLATFORM_ADMIN_TOKEN: randomHex(16),
      LOG_LEVEL: 'error',
      TOKEN_CALLS_PER_MINUTE: String(CALLS_PER_MINUTE),
    });
    expect(env.LOGIN_ACCOUNT_FREE_FAILURES).toBe(5);
    expect(env.LOGIN_ADDRESS_FAILURES).toBe(100);
    app = await createApiApp(env);
    await app.listen(0, '127.0.0.1');
    api = new HttpClient(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
  });

  spec.onTeardown(() => app?.close());

  const staff = async () => {
    const email = `staff-${randomHex(4)}@spec.fixture.test`;
    const id = await addStaffUser(spec.db, spec.fixture.tenantId, { email, role: 'staff', password: PASSWORD });
    return { id, email };
  };
  const login = (address: string, email: string, password: string, tenant = slug) =>
    api.post('/api/v1/auth/login', { tenant, email, password }, { 'x-forwarded-for': address });
  const retryAfter = (answer: HttpResult) => Number(answer.headers.get('retry-after'));
  const auditRows = (action: string, email: string) =>
    spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select data from audit_log where action = $1 and data->>'email' = $2 order by id`, [action, email]));

  it('gives an account 5 wrong passwords, then answers 429 with Retry-After, even to the right password', async () => {
    const { email } = await staff();
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login('198.51.100.1', email, `wrong-${attempt}`)).status).toBe(401);

    const sixth = await login('198.51.100.1', email, 'wrong-6');
    expect(sixth.status).toBe(429);
    expect(sixth.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('too many failed sign-ins') });
    expect(retryAfter(sixth)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(sixth)).toBeLessThanOrEqual(30);

    const right = await login('198.51.100.1', email, PASSWORD);
    expect(right.status).toBe(429);
    expect(retryAfter(right)).toBeLessThanOrEqual(retryAfter(sixth));
    // The account is locked wherever the guesses come from.
    expect((await login('198.51.100.2', email, PASSWORD)).status).toBe(429);

    expect(await auditRows('auth.login_failed', email)).toHaveLength(5);
    expect(await auditRows('auth.login_throttled', email)).toEqual([{ data: { scope: 'account', email, address: '198.51.100.1', lockSeconds: 30 } }]);
  });

  it('forgets an account’s failures after a successful sign-in', async () => {
    const { email } = await staff();
    for (let attempt = 1; attempt <= 4; attempt++) expect((await login('198.51.100.3', email, 'wrong')).status).toBe(401);
    expect((await login('198.51.100.3', email, PASSWORD)).status).toBe(200);
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login('198.51.100.3', email, 'wrong')).status).toBe(401);
    expect((await login('198.51.100.3', email, PASSWORD)).status).toBe(429);
  });

  it('lets at most one guess beyond the free ones through a burst of parallel guesses', async () => {
    const { email } = await staff();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login('198.51.100.4', email, `burst-${i}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(5);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((status) => status === 429).length).toBe(12 - statuses.filter((status) => status === 401).length);
    expect((await login('198.51.100.4', email, PASSWORD)).status).toBe(429);
  });

  it('throttles unknown accounts and unknown districts alike, saying nothing about which part was wrong', async () => {
    const ghost = `ghost-${randomHex(4)}@spec.fixture.test`;
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login('198.51.100.5', ghost, 'wrong')).status).toBe(401);
    expect((await login('198.51.100.5', ghost, 'wrong')).status).toBe(429);
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login('198.51.100.5', ghost, 'wrong', 'no-such-district')).status).toBe(401);
    expect((await login('198.51.100.5', ghost, 'wrong', 'no-such-district')).status).toBe(429);
  });

  it('lets a shared address (a school’s NAT) fail 100 times across accounts before locking it, and no other address', async () => {
    const nat = '203.0.113.50';
    const { email } = await staff();
    const answers: number[] = [];
    // Four at a time, each a different unknown account, so no account lock interferes.
    for (let batch = 0; batch < 25; batch++) {
      const round = await Promise.all(Array.from({ length: 4 }, (_, i) => login(nat, `nobody-${batch}-${i}-${randomHex(2)}@spec.fixture.test`, 'wrong')));
      answers.push(...round.map((answer) => answer.status));
    }
    expect(answers).toEqual(Array(100).fill(401));

    const locked = await login(nat, email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.message).toContain('this address');
    expect(retryAfter(locked)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(locked)).toBeLessThanOrEqual(60);
    expect((await login('203.0.113.51', email, PASSWORD)).status).toBe(200);

    const [{ count }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select count(*)::int as count from audit_log where action = 'auth.login_throttled' and data->>'address' = $1 and data->>'scope' = 'address'`, [
        nat,
      ]),
    );
    expect(count).toBe(1);
  });

  it('throttles guesses of the current password when changing it, as sign-ins are', async () => {
    const { email } = await staff();
    const token = (await login('198.51.100.6', email, PASSWORD)).body.accessToken;
    const client = api.withToken(token);
    const change = (currentPassword: string) =>
      client.post('/api/v1/me/password', { currentPassword, newPassword: 'another long passphrase' }, { 'x-forwarded-for': '198.51.100.6' });
    for (let attempt = 1; attempt <= 5; attempt++) expect((await change(`wrong-${attempt}`)).status).toBe(400);
    const throttled = await change(PASSWORD);
    expect(throttled.status).toBe(429);
    expect(retryAfter(throttled)).toBeGreaterThanOrEqual(1);
    expect((await client.get('/api/v1/me')).status).toBe(200);
  });

  it(`gives each token ${CALLS_PER_MINUTE} calls a minute (1,200 by default), then 429 with Retry-After; other tokens are unaffected`, async () => {
    const { email } = await staff();
    const first = api.withToken((await login('198.51.100.7', email, PASSWORD)).body.accessToken);
    const second = api.withToken((await login('198.51.100.7', email, PASSWORD)).body.accessToken);
    const statuses: number[] = [];
    for (let call = 0; call < CALLS_PER_MINUTE; call++) statuses.push((await first.get('/api/v1/me')).status);
    expect(statuses).toEqual(Array(CALLS_PER_MINUTE).fill(200));
    const over = await first.get('/api/v1/me');
    expect(over.status).toBe(429);
    expect(retryAfter(over)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(over)).toBeLessThanOrEqual(60);
    expect((await second.get('/api/v1/me')).status).toBe(200);
  });
});
