import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseUrlFor, dropDatabase, freePort, HttpClient, randomHex, TEST_ADMIN_URL, waitFor } from '@porchlight/testing';
import { Client } from 'pg';

jest.setTimeout(300_000);

/** The README's first command: `npm run demo` starts everything and seeds a usable demo district. */
describe('npm run demo', () => {
  const database = `porchlight_e2e_demo_${randomHex(3)}`;
  let child: ChildProcess;
  let output = '';
  let ports: Record<string, number>;

  beforeAll(async () => {
    ports = {};
    for (const name of ['api', 'sandbox', 'contacts', 'translation', 'dispatcher', 'delivery']) ports[name] = await freePort();
    child = spawn(process.execPath, [resolve(__dirname, '../../dist/tools/start.js'), '--demo'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrlFor(database),
        DATABASE_ADMIN_URL: TEST_ADMIN_URL,
        QUEUE_PREFIX: `pl-demo-${randomHex(3)}`,
        PORT: String(ports.api),
        PUBLIC_BASE_URL: `http://127.0.0.1:${ports.api}`,
        SMS_SANDBOX_PORT: String(ports.sandbox),
        SMS_SANDBOX_URL: `http://127.0.0.1:${ports.sandbox}`,
        CONTACTS_HEALTH_PORT: String(ports.contacts),
        TRANSLATION_HEALTH_PORT: String(ports.translation),
        DISPATCHER_HEALTH_PORT: String(ports.dispatcher),
        DELIVERY_HEALTH_PORT: String(ports.delivery),
        DEMO_STATE_DIR: mkdtempSync(join(tmpdir(), 'porchlight-demo-')),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    // The seed sends three notices and waits for them to reach the sandbox phones: minutes on a busy machine.
    await waitFor(
      'the demo banner',
      () => {
        if (child.exitCode !== null)
          throw new Error(
            `npm run demo exited with ${child.exitCode}:\n${output
              .split('\n')
              .filter((line) => !line.startsWith('{'))
              .slice(-5)
              .join('\n')}`,
          );
        return output.includes('Stop with Ctrl-C');
      },
      { timeoutMs: 240_000, intervalMs: 200 },
    );
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await dropDatabase(database);
  });

  const field = (pattern: RegExp) => {
    const match = output.match(pattern);
    if (!match) throw new Error(`not in the demo output: ${pattern}\n${output}`);
    return match[1];
  };

  it('prints the API URL, the admin login, the platform token and how to text as a family', () => {
    expect(output).toContain(`http://127.0.0.1:${ports.api}/api/v1`);
    expect(field(/Platform token: (\S+)/)).toMatch(/^demo-/);
    expect(field(/Admin login:\s+(\S+) \//)).toBe('admin@demo.porchlight.local');
    expect(output).toContain('/sandbox/inbound');
  });

  it('prints the portal URL, where the portal answers', async () => {
    const portal = field(/Portal:\s+(\S+)/);
    expect(portal).toBe(`http://127.0.0.1:${ports.api}/`);
    const page = await fetch(portal);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('seeds a district whose families get a notice and can text back', async () => {
    const login = await new HttpClient(`http://127.0.0.1:${ports.api}`).post('/api/v1/auth/login', {
      tenant: 'demo',
      email: 'admin@demo.porchlight.local',
      password: field(/Admin login:\s+\S+ \/ (\S+)/),
    });
    expect(login.status).toBe(200);
    const api = new HttpClient(`http://127.0.0.1:${ports.api}`, login.body.accessToken);
    const contacts = await api.get('/api/v1/contacts');
    expect(new Set(contacts.body.items.map((c: { language: string }) => c.language))).toEqual(new Set(['es', 'vi', 'so', 'ar', 'zh-Hans', 'en']));

    const english = contacts.body.items.find((c: { language: string }) => c.language === 'en');
    const notice = await api.post('/api/v1/notices', {
      body: 'Welcome to Porchlight.',
      sourceLanguage: 'en',
      audience: { contactIds: [english.id] },
      urgency: 'normal',
    });
    expect((await api.post(`/api/v1/notices/${notice.body.id}/send`)).status).toBe(202);
    const sandbox = new HttpClient(`http://127.0.0.1:${ports.sandbox}`);
    await waitFor('the welcome at the family phone', async () =>
      (await sandbox.get(`/sandbox/messages?to=${encodeURIComponent(english.phone)}`)).body.some((m: { body: string }) => m.body === 'Welcome to Porchlight.'),
    );

    const textBack = JSON.parse(field(/-d '(\{"accountSid"[^']+)'/));
    const reply = await sandbox.post('/sandbox/inbound', textBack);
    expect(reply.body.status).toBe(200);
    await waitFor('the reply in its conversation', async () => {
      const thread = (await api.get('/api/v1/conversations')).body.items.find((c: { phone: string }) => c.phone === textBack.from);
      return thread && (await api.get(`/api/v1/conversations/${thread.id}`)).body.messages.some((m: { body: string }) => m.body === textBack.body);
    });
  });

  it('opens on a district at work: sent notices, a roster import with its row errors, family replies', async () => {
    const login = await new HttpClient(`http://127.0.0.1:${ports.api}`).post('/api/v1/auth/login', {
      tenant: 'demo',
      email: 'admin@demo.porchlight.local',
      password: field(/Admin login:\s+\S+ \/ (\S+)/),
    });
    const api = new HttpClient(`http://127.0.0.1:${ports.api}`, login.body.accessToken);
    const notices = (await api.get('/api/v1/notices?status=sent')).body.items.map((n: { title: string }) => n.title);
    expect(notices).toEqual(expect.arrayContaining(['Picture day', 'Early release', 'Water outage']));
    // The import's id, read as the database owner (no list route to find it by).
    const owner = new URL(TEST_ADMIN_URL);
    owner.pathname = `/${database}`;
    const db = new Client({ connectionString: owner.toString() });
    await db.connect();
    const imports = (await db.query(`select id from imports`).finally(() => db.end())).rows;
    expect(imports).toHaveLength(1);
    const report = (await api.get(`/api/v1/imports/${imports[0].id}`)).body;
    expect(report).toMatchObject({ status: 'completed', counts: { rejected: 2 } });
    expect(report.errors.length).toBeGreaterThanOrEqual(2);
    const threads = (await api.get('/api/v1/conversations')).body.items;
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(threads.every((t: { assignedUserId: string }) => t.assignedUserId === login.body.user.id)).toBe(true);
    expect(output).toContain('TRANSLATION_FALLBACK_URL=');
  });

  it('shows family voice: a survey answered in four languages, the decision it fed, told back to those families and on the public page', async () => {
    const login = await new HttpClient(`http://127.0.0.1:${ports.api}`).post('/api/v1/auth/login', {
      tenant: 'demo',
      email: 'admin@demo.porchlight.local',
      password: field(/Admin login:\s+\S+ \/ (\S+)/),
    });
    const api = new HttpClient(`http://127.0.0.1:${ports.api}`, login.body.accessToken);
    const [survey] = (await api.get('/api/v1/surveys')).body;
    const results = (await api.get(`/api/v1/surveys/${survey.id}/results?by=language`)).body;
    expect(results.questions[0]).toMatchObject({ key: 'time', answered: 4, counts: { '1': 0, '2': 0, '3': 4 } });
    expect(
      results.groups
        .filter((g: { responded: number }) => g.responded > 0)
        .map((g: { group: string }) => g.group)
        .sort(),
    ).toEqual(['ar', 'en', 'es', 'vi']);
    const [decision] = (await api.get('/api/v1/decisions')).body.items;
    expect(decision).toMatchObject({ status: 'communicated' });
    const detail = (await api.get(`/api/v1/decisions/${decision.id}`)).body;
    expect(detail.inputs[0].participation).toMatchObject({ answered: 4 });
    expect(detail.loop).toMatchObject({ families: 4 });
    const page = await fetch(field(/Public page:\s+(\S+)/));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Family conference times');
  });

  it('shows whose voice is missing: the reach report flags the Somali-speaking families, reached by every notice, who never answered', async () => {
    const login = await new HttpClient(`http://127.0.0.1:${ports.api}`).post('/api/v1/auth/login', {
      tenant: 'demo',
      email: 'admin@demo.porchlight.local',
      password: field(/Admin login:\s+\S+ \/ (\S+)/),
    });
    const api = new HttpClient(`http://127.0.0.1:${ports.api}`, login.body.accessToken);
    const reach = await api.get('/api/v1/reports/reach?by=language');
    expect(reach.status).toBe(200);
    const groups = reach.body.groups as { group: string; studentsReached: number; studentsHeard: number; underHeard: boolean }[];
    expect(groups.filter((g) => g.underHeard).map((g) => g.group)).toEqual(['so']);
    expect(groups.find((g) => g.group === 'so')).toMatchObject({ studentsReached: 10, studentsHeard: 0 });
    expect(groups.find((g) => g.group === 'es')?.studentsHeard).toBeGreaterThan(0);
    expect(field(/Reach:\s+(\S+)/)).toBe(`http://127.0.0.1:${ports.api}/api/v1/reports/reach?by=language`);
  });

  it('stops every app on SIGINT', async () => {
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${ports.api}/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ports.sandbox}/health`)).rejects.toThrow();
  });
});
