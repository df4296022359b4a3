import AxeBuilder from '@axe-core/playwright';
import { check, fakeTranslation, HttpClient, LocalProviderServer, randomAccountSid, randomHex, RecordedRequest, Stack, startStack } from '@porchlight/testing';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery';
const KEY = 'lt-key-portal-4242';
const SAMPLE = 'School is closed tomorrow because of snow.';

/** LibreTranslate's `POST /translate` as the adapter contract specs speak it, refusing any other key with its 403. */
function libreTranslate(request: RecordedRequest) {
  check(request.method === 'POST' && request.path === '/translate', `unexpected ${request.method} ${request.path}`);
  const body = JSON.parse(request.body) as { q: string[]; target: string; api_key?: string };
  if (body.api_key !== KEY) return { status: 403, body: { error: 'Invalid API key' } };
  return { status: 200, body: { translatedText: body.q.map((q) => fakeTranslation(q, body.target)) } };
}

/**
 * The Settings screen in Chromium against the running apps: a district admin checks the SMS
 * account with the sandbox and changes it (a bad value answered beside its field, then saved), tries the translation engine with
 * a wrong key and the right one before saving it, and the secrets never come back to the page.
 */
describe('portal settings in a browser', () => {
  let stack: Stack;
  let engine: LocalProviderServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: HttpClient;
  const slug = `settings-${randomHex(3)}`;
  const account = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550180' };
  const email = `admin@${slug}.example.org`;

  beforeAll(async () => {
    engine = await new LocalProviderServer(libreTranslate).start();
    stack = await startStack('portal-settings');
    const created = await new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN).post('/api/v1/platform/tenants', {
      slug,
      name: 'Settings Schools',
      timezone: 'America/New_York',
      country: 'US',
      defaultLanguage: 'en',
      languages: ['es', 'vi'],
      sms: { provider: 'sandbox', accountSid: account.sid, authToken: account.token, fromNumber: account.number },
      admin: { email, password: PASSWORD, name: 'Sam Admin' },
    });
    expect(created.status).toBe(201);
    await new HttpClient(stack.sandboxUrl).post('/sandbox/accounts', { accountSid: account.sid, authToken: account.token });
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', { tenant: slug, email, password: PASSWORD });
    admin = new HttpClient(stack.apiUrl, login.body.accessToken);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    context = await browser.newContext({ baseURL: stack.apiUrl, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await engine?.stop();
  });

  it('checks and saves the SMS account, and tests the translation engine before saving it', async () => {
    await page.goto('/');
    await page.getByLabel('District').fill(slug);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();

    // The SMS account: the token field is empty and says one is saved; a bad value is answered beside its field.
    const sms = page.getByRole('form', { name: 'SMS account' });
    await expect(sms.getByLabel('Account SID', { exact: true }).inputValue()).resolves.toBe(account.sid);
    await expect(sms.getByLabel('Auth token', { exact: true }).inputValue()).resolves.toBe('');
    await sms.getByText('A token is saved').waitFor();
    // Test it: the saved token, then a typed wrong one, checked with the provider (the sandbox) without sending anything.
    const check = sms.getByRole('status').first();
    await sms.getByRole('button', { name: 'Test it' }).click();
    await check.getByText('The provider accepted the Account SID and auth token').waitFor();
    await sms.getByLabel('Auth token', { exact: true }).fill('wrong-token-123');
    await sms.getByRole('button', { name: 'Test it' }).click();
    await check.getByText('The provider refused the Account SID and auth token').waitFor();
    await sms.getByLabel('Auth token', { exact: true }).fill('');
    await sms.getByLabel('From number', { exact: true }).fill('617 555');
    await sms.getByRole('button', { name: 'Save SMS account' }).click();
    await sms.getByText('fromNumber must be in E.164 form').first().waitFor();
    await sms.getByLabel('From number', { exact: true }).fill('+16175550181');
    await sms.getByLabel('Messages per second', { exact: true }).fill('3');
    await sms.getByRole('button', { name: 'Save SMS account' }).click();
    await sms.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = await admin.get('/api/v1/settings');
    expect(saved.body.sms).toMatchObject({ fromNumber: '+16175550181', messagesPerSecond: 3, accountSid: account.sid, status: 'ok' });

    // The translation engine, as typed and not yet saved: a wrong key, then the right one.
    const translation = page.getByRole('form', { name: 'Translation engine' });
    await translation.getByLabel('Engine', { exact: true }).selectOption('libretranslate');
    await translation.getByLabel('Engine URL', { exact: true }).fill(engine.url);
    await translation.getByLabel('API key', { exact: true }).fill('not-the-key');
    await translation.getByRole('button', { name: 'Test it' }).click();
    const result = translation.getByRole('status').first();
    await result.getByText('The engine refused the API key').waitFor();
    await translation.getByLabel('API key', { exact: true }).fill(KEY);
    await translation.getByRole('button', { name: 'Test it' }).click();
    await result.getByText(fakeTranslation(SAMPLE, 'es')).waitFor();
    expect(engine.requests.map((r) => (JSON.parse(r.body) as { api_key: string }).api_key)).toEqual(['not-the-key', KEY]);
    expect((await admin.get('/api/v1/settings')).body.translation).toMatchObject({ provider: 'none', apiKeySet: false });

    // Saved, the key is kept but never shown again.
    await translation.getByLabel('Emergencies').check();
    await translation.getByRole('button', { name: 'Save translation settings' }).click();
    await translation.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await translation.getByText('A key is saved').waitFor();
    await expect(translation.getByLabel('API key', { exact: true }).inputValue()).resolves.toBe('');
    const after = await admin.get('/api/v1/settings');
    expect(after.body.translation).toMatchObject({ provider: 'libretranslate', url: engine.url, apiKeySet: true, requireReviewFor: ['emergency'] });
    expect(JSON.stringify(after.body)).not.toContain(KEY);
    expect(await page.content()).not.toContain(KEY);

    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
