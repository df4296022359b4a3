import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HttpClient, randomAccountSid, randomHex, Stack, startStack, waitFor } from '@porchlight/testing';

jest.setTimeout(120_000);

const FIXTURES = resolve(__dirname, '..', 'fixtures');

/**
 * The roster over HTTP against the apps running as processes: a OneRoster bundle uploaded as loose
 * CSV files (under any form field) and as a zip, imported by the contacts app, then a notice whose
 * preview counts each reachable phone once, per language. Another district sees none of it.
 */
describe('roster import from upload to notice preview', () => {
  let stack: Stack;
  let a: HttpClient;
  let b: HttpClient;

  async function createDistrict(slug: string): Promise<HttpClient> {
    const platform = new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN);
    const created = await platform.post('/api/v1/platform/tenants', {
      slug,
      name: `${slug} Unified`,
      timezone: 'America/New_York',
      country: 'US',
      defaultLanguage: 'en',
      languages: ['es', 'vi', 'zh-Hans', 'ht', 'ar'],
      sms: { provider: 'sandbox', accountSid: randomAccountSid(), authToken: randomHex(16), fromNumber: '+16175550100' },
      admin: { email: `admin@${slug}.example.org`, password: 'correct horse battery', name: 'Admin' },
    });
    expect(created.status).toBe(201);
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: slug,
      email: `admin@${slug}.example.org`,
      password: 'correct horse battery',
    });
    expect(login.status).toBe(200);
    return new HttpClient(stack.apiUrl, login.body.accessToken);
  }

  async function upload(client: HttpClient, path: string, files: { field: string; name: string; bytes: Buffer }[]) {
    const form = new FormData();
    for (const file of files) form.append(file.field, new Blob([file.bytes]), file.name);
    return client.post(path, form);
  }

  const finished = (client: HttpClient, id: string) =>
    waitFor(
      `import ${id} to finish`,
      async () => {
        const current = await client.get(`/api/v1/imports/${id}`);
        return ['completed', 'failed'].includes(current.body.status) ? current.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  beforeAll(async () => {
    stack = await startStack('roster-import');
    a = await createDistrict('roster-a');
    b = await createDistrict('roster-b');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('imports the CSV files of a bundle, whatever the form fields are called', async () => {
    const dir = join(FIXTURES, 'oneroster');
    const files = readdirSync(dir).map((name, i) => ({ field: i % 2 ? 'files' : `part${i}`, name, bytes: readFileSync(join(dir, name)) }));
    const started = await upload(a, '/api/v1/imports/oneroster', files);
    expect(started.status).toBe(202);
    const result = await finished(a, started.body.id);
    expect(result).toMatchObject({ status: 'completed', counts: { created: 28, updated: 0, unchanged: 2, rejected: 4 } });
    expect(result.errors).toContainEqual({ file: 'enrollments.csv', row: 8, field: 'classSourcedId', message: 'unknown class "class-art-9"' });

    const contacts = await a.get('/api/v1/contacts?language=es');
    expect(contacts.body.items.map((c: any) => `${c.givenName} ${c.phone}`).sort()).toEqual(['José +12015550101', 'María +12015550101']);
  });

  it('previews a notice to everyone: each reachable phone once, in its language', async () => {
    const notice = await a.post('/api/v1/notices', { body: 'Picture day is Thursday.', sourceLanguage: 'en', audience: { all: true }, urgency: 'normal' });
    expect(notice.status).toBe(201);
    const preview = await a.get(`/api/v1/notices/${notice.body.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.recipients).toEqual({ total: 7, byLanguage: { ar: 1, en: 2, es: 1, ht: 1, vi: 1, 'zh-Hans': 1 } });
  });

  it('imports the same bundle as one zip for another district, which cannot see the first one’s import', async () => {
    const started = await upload(b, '/api/v1/imports/oneroster', [
      { field: 'bundle', name: 'oneroster-bundle.zip', bytes: readFileSync(join(FIXTURES, 'oneroster-bundle.zip')) },
    ]);
    expect(started.status).toBe(202);
    const result = await finished(b, started.body.id);
    expect(result).toMatchObject({ status: 'completed', counts: { created: 28, updated: 0, unchanged: 2, rejected: 4 } });

    expect((await a.get(`/api/v1/imports/${started.body.id}`)).status).toBe(404);
  });

  it('refuses an upload with no OneRoster file, and a non-admin', async () => {
    const refused = await upload(a, '/api/v1/imports/oneroster', [{ field: 'files', name: 'notes.txt', bytes: Buffer.from('hello') }]);
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].field).toBe('files');
    const created = await a.post('/api/v1/users', { email: 'teacher@roster-a.example.org', password: 'correct horse battery', name: 'T', role: 'staff' });
    expect(created.status).toBe(201);
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: 'roster-a',
      email: 'teacher@roster-a.example.org',
      password: 'correct horse battery',
    });
    const staff = new HttpClient(stack.apiUrl, login.body.accessToken);
    const forbidden = await upload(staff, '/api/v1/imports/csv', [{ field: 'file', name: 'roster.csv', bytes: Buffer.from('a,b\n1,2\n') }]);
    expect(forbidden.status).toBe(403);
  });
});
