import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HttpClient, randomAccountSid, randomHex, Stack, startStack, TEST_REDIS_URL, waitFor } from '@porchlight/testing';
import IORedis from 'ioredis';
import yauzl from 'yauzl';

jest.setTimeout(180_000);

const FIXTURES = resolve(__dirname, '..', 'fixtures');

/** The names of a zip's files and the number of lines after the header of each CSV. */
function csvRows(zip: Buffer): Promise<Record<string, number>> {
  return new Promise((resolveRows, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const rows: Record<string, number> = {};
      file.on('entry', (entry: yauzl.Entry) =>
        file.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return reject(openError);
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('end', () => {
            rows[entry.fileName] = Buffer.concat(parts).toString('utf8').split('\r\n').filter(Boolean).length - 1;
            file.readEntry();
          });
        }),
      );
      file.on('end', () => resolveRows(rows));
      file.readEntry();
    });
  });
}

/**
 * Records over HTTP against the apps running as processes: a district imports its roster, asks
 * for an export while the contacts app is down and Redis then loses the job, and still gets its
 * zip — once — because the dispatcher's reconciler enqueues the export again.
 */
describe('district export through the running apps', () => {
  let stack: Stack;
  let admin: HttpClient;
  let token: string;

  beforeAll(async () => {
    stack = await startStack('records', { RECONCILE_STALE_SECONDS: '1' });
    const platform = new HttpClient(stack.apiUrl, stack.env.PLATFORM_ADMIN_TOKEN);
    const created = await platform.post('/api/v1/platform/tenants', {
      slug: 'records-a',
      name: 'Records Unified',
      timezone: 'America/New_York',
      country: 'US',
      defaultLanguage: 'en',
      languages: ['es', 'vi', 'zh-Hans', 'ht', 'ar'],
      sms: { provider: 'sandbox', accountSid: randomAccountSid(), authToken: randomHex(16), fromNumber: '+16175550100' },
      admin: { email: 'admin@records-a.example.org', password: 'correct horse battery', name: 'Admin' },
    });
    expect(created.status).toBe(201);
    const login = await new HttpClient(stack.apiUrl).post('/api/v1/auth/login', {
      tenant: 'records-a',
      email: 'admin@records-a.example.org',
      password: 'correct horse battery',
    });
    token = login.body.accessToken;
    admin = new HttpClient(stack.apiUrl, token);
    const form = new FormData();
    const dir = join(FIXTURES, 'oneroster');
    for (const name of readdirSync(dir)) form.append('files', new Blob([readFileSync(join(dir, name))]), name);
    const started = await admin.post('/api/v1/imports/oneroster', form);
    await waitFor('the roster import', async () => (await admin.get(`/api/v1/imports/${started.body.id}`)).body.status === 'completed', {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('builds the export after Redis lost its job, and hands it over once', async () => {
    await stack.kill('contacts');
    const started = await admin.post('/api/v1/exports');
    expect(started.status).toBe(202);
    // Redis loses the job (and everything else of this stack) before any worker took it.
    const redis = new IORedis(TEST_REDIS_URL);
    const keys = await redis.keys(`${stack.env.QUEUE_PREFIX}:contacts:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    redis.disconnect();
    await stack.start('contacts');

    const done = await waitFor(
      'the export to be built',
      async () => {
        const current = await admin.get(`/api/v1/exports/${started.body.id}`);
        return current.body.status === 'completed' ? current.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const contacts = await admin.get('/api/v1/contacts?limit=200');
    expect(done.counts.contacts).toBe(contacts.body.items.length);

    const response = await fetch(`${stack.apiUrl}/api/v1/exports/${started.body.id}/download`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const zip = Buffer.from(await response.arrayBuffer());
    expect(zip.length).toBe(done.size);
    const rows = await csvRows(zip);
    expect(rows['contacts.csv']).toBe(done.counts.contacts);
    expect(rows['students.csv']).toBe(done.counts.students);
    expect(rows['contact_students.csv']).toBe(done.counts.contactStudents);

    expect((await admin.get(`/api/v1/exports/${started.body.id}/download`)).status).toBe(410);
  });
});
