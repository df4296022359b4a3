import AxeBuilder from '@axe-core/playwright';
import { HttpClient, randomAccountSid, randomHex, Stack, startStack, waitFor } from '@porchlight/testing';
import { Browser, chromium, Locator, Page } from 'playwright-core';

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery';
const ZONE = 'America/New_York';
// New Jersey numbers: the families live on the district's clock.
const FAMILIES = [
  { givenName: 'Ana', familyName: 'Reyes', phone: '+12015550141', language: 'es' },
  { givenName: 'Bill', familyName: 'Stone', phone: '+12015550142', language: 'en' },
  { givenName: 'Cora', familyName: 'Stone', phone: '+12015550143', language: 'en' },
];
const NOTICE = 'The book fair opens on Monday.';

/** The hour it is now on `timeZone`'s clock. */
const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
/** An instant's day (YYYY-MM-DD) and time (HH:MM) on the district's clock. */
const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const clock = (at: Date) => new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/**
 * The New notice composer in Chromium against the apps running as processes: a notice written,
 * aimed at the whole district, previewed and sent with the keyboard alone; the audience counted
 * per language as it is chosen; the quiet-hours hold said in words on the district's clock; a
 * notice from the template catalog with the catalog's Spanish text. axe checks the composer. And
 * the Families list, read 100 at a time.
 */
describe('the New notice composer in a browser', () => {
  let stack: Stack;
  let admin: HttpClient;
  let browser: Browser;
  let page: Page;
  const slug = `compose-${randomHex(3)}`;
  const account = { sid: randomAccountSid(), token: randomHex(16), number: '+16175550191' };
  const email = `admin@${slug}.example.org`;

  async function accessible(screen: string): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect({ screen, bad }).toEqual({ screen, bad: [] });
  }

  const focused = (target: Locator) => target.evaluate((element) => element === element.ownerDocument.activeElement);

  /** Presses `key` (Tab, Shift+Tab) until `target` has the focus, as a keyboard user moves through the page. */
  async function tabTo(target: Locator, key = 'Tab'): Promise<void> {
    for (let presses = 0; presses < 80; presses++) {
      if (await focused(target)) return;
      await page.keyboard.press(key);
    }
    throw new Error(`${key} never reached ${target.toString()}`);
  }

  beforeAll(async () => {
    stack = await startStack('composer');
    const sandbox = new HttpClient(stack.sandboxUrl);
    await sandbox.post('/sandbox/accounts', { accountSid: account.sid, authToken: account.token, smsUrl: `${stack.apiUrl}/webhooks/twilio/sms` });
    const created = await new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN).post('/api/v1/platform/tenants', {
      slug,
      name: 'Composer Schools',
      timezone: ZONE,
      country: 'US',
      defaultLanguage: 'en',
      languages: ['es'],
      sms: { provider: 'sandbox', accountSid: account.sid, authToken: account.token, fromNumber: account.number },
      admin: { email, password: PASSWORD, name: 'Cam Admin' },
    });
    expect(created.status).toBe(201);
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', { tenant: slug, email, password: PASSWORD });
    admin = new HttpClient(stack.apiUrl, login.body.accessToken);
    const settings = await admin.patch('/api/v1/settings', {
      quietHours: { start: '00:00', end: '00:00' },
      translation: { untranslatedPolicy: 'send_source' },
    });
    expect(settings.status).toBe(200);
    const school = (await admin.post('/api/v1/schools', { name: 'Lincoln Elementary' })).body.id as string;
    for (const family of FAMILIES) {
      const student = await admin.post('/api/v1/students', {
        givenName: `Kid ${family.givenName}`,
        familyName: family.familyName,
        schoolId: school,
        grade: '03',
      });
      expect((await admin.post('/api/v1/contacts', { ...family, studentIds: [student.body.id] })).status).toBe(201);
    }

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const context = await browser.newContext({ baseURL: stack.apiUrl, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/sign-in');
    await page.getByLabel('District').fill(slug);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: 'Welcome, Cam Admin' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('writes, aims, previews and sends a notice with the keyboard alone, to its page and progress bar', async () => {
    const main = page.getByRole('main');
    await tabTo(main.getByRole('link', { name: 'New notice' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New notice' }).waitFor();

    await tabTo(page.getByLabel('Message'));
    await page.keyboard.type(NOTICE);
    // Arrow keys move the audience choice, as in any radio group; Whole district in the end.
    const whole = page.getByRole('radio', { name: 'Whole district' });
    await tabTo(whole);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Schools' }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('ArrowLeft');
    await expect(whole.isChecked()).resolves.toBe(true);
    await page.getByRole('status').filter({ hasText: 'Reaches 3 phones: English 2 · Spanish 1' }).waitFor();

    const previewButton = page.getByRole('button', { name: 'Preview translations' });
    await tabTo(previewButton);
    await page.keyboard.press('Enter');
    await page.getByText(/^3 phones/).waitFor();
    await accessible('composer with preview');

    // On past the preview's texts to Send, back with Shift+Tab, and on again: the order holds both ways.
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await tabTo(send);
    await tabTo(previewButton, 'Shift+Tab');
    await tabTo(send);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/3 phones in 2 languages/).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Send', exact: true });
    await waitFor('the confirmation’s Send focused', () => focused(confirm));
    await page.keyboard.press('Space');

    await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    const progress = page.getByRole('progressbar');
    await progress.waitFor();
    await waitFor('the progress bar at 100', async () => (await progress.getAttribute('aria-valuenow')) === '100', { timeoutMs: 90_000, intervalMs: 250 });
  });

  it('says on the district’s clock when quiet hours hold a normal notice, and whom an emergency reaches inside them', async () => {
    // The sending window opens two hours from now on the district's clock (and the families' own).
    const opens = (hourIn(ZONE) + 2) % 24;
    const start = `${String(opens).padStart(2, '0')}:00`;
    const end = `${String((opens + 1) % 24).padStart(2, '0')}:00`;
    expect((await admin.patch('/api/v1/settings', { quietHours: { start, end } })).status).toBe(200);
    await page.goto('/notices/new');
    await page.getByLabel('Message').fill(NOTICE);
    await page.getByRole('radio', { name: 'Whole district' }).check();
    const quiet = page.getByRole('region', { name: 'Quiet hours' });
    await quiet.getByText(new RegExp(`^Normal notices wait until (\\w+ )?${start} for 3 families\\.$`)).waitFor();
    await page.getByRole('radio', { name: 'Emergency' }).check();
    await quiet.getByText('This notice reaches 3 families inside their quiet hours.').waitFor();
    await page.getByRole('radio', { name: 'At a date and time' }).check();
    await page.getByText(`On the district’s clock (${ZONE}).`).waitFor();
    await accessible('composer with quiet hours');
  });

  it('schedules a notice for a time on the district’s clock, whatever the browser’s zone, and its page says when it leaves', async () => {
    const tomorrow = day(new Date(Date.now() + 24 * 3_600_000));
    await page.getByRole('radio', { name: 'Normal' }).check();
    await page.getByLabel('Date and time', { exact: true }).fill(`${tomorrow}T10:00`);
    await page.getByRole('button', { name: 'Preview translations' }).click();
    await page.getByText(/^3 phones/).waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(new RegExp(`It leaves on .*10:00 \\(${ZONE}\\)\\.`)).waitFor();
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    await page.getByText(new RegExp(`^Scheduled for .*10:00 \\(${ZONE}\\)\\.$`)).waitFor();
    const notice = (await admin.get(`/api/v1/notices/${page.url().split('/').pop() ?? ''}`)).body as { scheduledAt: string };
    expect([day(new Date(notice.scheduledAt)), clock(new Date(notice.scheduledAt))]).toEqual([tomorrow, '10:00']);
    await accessible('scheduled notice');
  });

  it('says how many families’ first survey question waits and until when, and sends a survey for a time on the district’s clock', async () => {
    const opens = (hourIn(ZONE) + 2) % 24;
    const start = `${String(opens).padStart(2, '0')}:00`;
    const end = `${String((opens + 1) % 24).padStart(2, '0')}:00`;
    expect((await admin.patch('/api/v1/settings', { quietHours: { start, end } })).status).toBe(200);
    await page.goto('/surveys/new');
    await page.getByLabel('Title').fill('Bus survey');
    await page.getByRole('textbox', { name: 'Question 1' }).fill('Does your child ride the school bus?');
    await page.getByRole('radio', { name: 'Whole district' }).check();
    const quiet = page.getByRole('region', { name: 'Quiet hours' });
    await quiet.getByText(new RegExp(`^The first question waits until (\\w+ )?${start} for 3 families, their sending window\\.$`)).waitFor();
    // Sent inside the families' window tomorrow, nothing waits.
    await page.getByRole('radio', { name: 'At a date and time' }).check();
    const tomorrow = day(new Date(Date.now() + 24 * 3_600_000));
    await page.getByLabel('Date and time', { exact: true }).fill(`${tomorrow}T${String(opens).padStart(2, '0')}:30`);
    await page.getByText(`On the district’s clock (${ZONE}).`).waitFor();
    await quiet.waitFor({ state: 'detached' });
    await accessible('survey composer with a send time');
    await page.getByRole('button', { name: 'Preview translations' }).click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(new RegExp(`It opens on .*${String(opens).padStart(2, '0')}:30 \\(${ZONE}\\)\\.`)).waitFor();
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('heading', { name: 'Bus survey', level: 1 }).waitFor();
    await page.getByText(new RegExp(`^Opens on .*${String(opens).padStart(2, '0')}:30 \\(${ZONE}\\), on the district’s clock\\.$`)).waitFor();
  });

  it('writes a notice from the template catalog: its variables filled, the catalog’s Spanish text in the preview', async () => {
    await page.goto('/notices/new');
    await page.getByRole('radio', { name: 'Send now' }).check();
    await page.getByRole('combobox', { name: 'Template (optional)' }).click();
    await page.getByRole('option', { name: 'Picture day' }).click();
    await expect(page.getByLabel('Message').count()).resolves.toBe(0);
    await page.getByLabel('School', { exact: true }).fill('Lincoln Elementary');
    await page.getByLabel('Date', { exact: true }).fill('2026-12-10');
    await page.getByRole('button', { name: 'Preview translations' }).click();
    const spanish = page.getByRole('region', { name: 'Spanish' });
    await spanish.getByText('Template catalog').waitFor();
    await expect(spanish.getByLabel('Spanish text').inputValue()).resolves.toContain('Lincoln Elementary');
    await accessible('composer with a template');
  });

  it('aims at families found by name, keeping those chosen from earlier searches, and at grades and schools, counting each choice', async () => {
    await page.goto('/notices/new');
    const count = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
    await page.getByRole('radio', { name: 'Families' }).check();
    const families = page.getByRole('combobox', { name: 'Families' });
    await families.fill('Stone');
    await page.getByRole('option', { name: 'Cora Stone' }).click();
    await count('Reaches 1 phone: English 1');
    await families.fill('Reyes');
    await page.getByRole('option', { name: 'Ana Reyes' }).click();
    await count('Reaches 2 phones: English 1 · Spanish 1');
    // The dropdown closed, the first family chosen is still shown by name, though the last search did not find her.
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await expect(page.getByText('Cora Stone', { exact: true }).filter({ visible: true }).count()).resolves.toBe(1);
    await accessible('composer aimed at families');
    await page.getByRole('radio', { name: 'Grades' }).check();
    await page
      .getByRole('combobox', { name: 'Grades' })
      .or(page.getByRole('textbox', { name: 'Grades' }))
      .fill('03');
    await page.keyboard.press('Enter');
    await count('Reaches 3 phones: English 2 · Spanish 1');
    await page.getByRole('radio', { name: 'Schools' }).check();
    await page.getByRole('combobox', { name: 'Schools' }).click();
    await page.getByRole('option', { name: 'Lincoln Elementary' }).click();
    await count('Reaches 3 phones: English 2 · Spanish 1');
  });

  it('lists families 100 at a time, the next ones on Show more families', async () => {
    // 100 more family members (the three above make 103): the list's first page holds 100.
    for (let i = 0; i < 100; i++) {
      const created = await admin.post('/api/v1/contacts', {
        givenName: 'Page',
        familyName: `Family ${String(i)}`,
        phone: `+1201555${String(1000 + i)}`,
        language: 'en',
      });
      expect(created.status).toBe(201);
    }
    await page.goto('/families');
    const rows = page.getByRole('table', { name: 'Families' }).getByRole('row');
    await waitFor('the first 100 families (and the header row)', async () => (await rows.count()) === 101);
    await page.getByRole('button', { name: 'Show more families' }).click();
    await waitFor('all 103 families', async () => (await rows.count()) === 104);
    await page.getByRole('button', { name: 'Show more families' }).waitFor({ state: 'detached' });
    await accessible('families, second page');
  });
});
