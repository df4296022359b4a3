import { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv } from '@porchlight/config';
import { AccessTokens } from '@porchlight/identity';
import {
  addStaffUser,
  createTenantFixture,
  HttpClient,
  HttpResult,
  randomHex,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  TEST_SECRETS_KEY,
  useIntegration,
} from '@porchlight/testing';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../bootstrap';

jest.setTimeout(60_000);

/** The fields of `GET /api/v1/audit` these specs read. */
interface AuditEntryRow {
  action: string;
  subjectId: string | null;
}

interface AuditPage {
  items: AuditEntryRow[];
  nextCursor: string | null;
}

describe('GET /api/v1/audit: the audit log, read by district admins (API in-process, Postgres)', () => {
  let app: INestApplication;
  const spec = useIntegration('audit');
  let api: HttpClient;
  let admin: HttpClient;
  const tokens = new AccessTokens(TEST_SECRETS_KEY, 3600);
  const alice = randomUUID();
  const bob = randomUUID();

  beforeAll(async () => {
    // Six entries, a day apart, oldest first: what the log holds before any call below adds to it.
    await spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const entries: [string, string, string][] = [
        ['notice.sent', alice, '2030-01-01T09:00:00Z'],
        ['contact.erased', bob, '2030-01-02T09:00:00Z'],
        ['notice.sent', bob, '2030-01-03T09:00:00Z'],
        ['settings.updated', alice, '2030-01-04T09:00:00Z'],
        ['notice.sent', alice, '2030-01-05T09:00:00Z'],
        ['contact.erased', alice, '2030-01-06T09:00:00Z'],
      ];
      for (const [action, actor, at] of entries) {
        await m.query(
          `insert into audit_log (tenant_id, actor_user_id, action, subject_type, subject_id, data, correlation_id, created_at)
           values ($1, $2, $3, 'thing', $4, $5, 'corr-1234567', $6)`,
          [spec.fixture.tenantId, actor, action, `${action}@${at}`, JSON.stringify({ at }), at],
        );
      }
    });
    const env = loadEnv(ApiEnv, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: spec.prefix,
      SECRETS_KEY: TEST_SECRETS_KEY,
      PLATFORM_ADMIN_TOKEN: randomHex(16),
      LOG_LEVEL: 'error',
    });
    app = await createApiApp(env);
    await app.listen(0, '127.0.0.1');
    api = new HttpClient(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
    admin = api.withToken(await tokens.issue({ userId: spec.fixture.adminId, tenantId: spec.fixture.tenantId }));
  });

  spec.onTeardown(() => app?.close());

  const subjects = (body: AuditPage) => body.items.map((entry) => entry.subjectId);
  const window = 'from=2030-01-01T00:00:00Z&to=2030-01-31T00:00:00Z';

  it('lists entries newest first, each with its actor, action, subject, data and correlation id', async () => {
    const page = await admin.get(`/api/v1/audit?${window}`);
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    expect(subjects(page.body)).toEqual([
      'contact.erased@2030-01-06T09:00:00Z',
      'notice.sent@2030-01-05T09:00:00Z',
      'settings.updated@2030-01-04T09:00:00Z',
      'notice.sent@2030-01-03T09:00:00Z',
      'contact.erased@2030-01-02T09:00:00Z',
      'notice.sent@2030-01-01T09:00:00Z',
    ]);
    expect(page.body.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      at: '2030-01-06T09:00:00.000Z',
      actorUserId: alice,
      action: 'contact.erased',
      subjectType: 'thing',
      subjectId: 'contact.erased@2030-01-06T09:00:00Z',
      data: { at: '2030-01-06T09:00:00Z' },
      correlationId: 'corr-1234567',
    });
  });

  it('filters by action, actor and time, together', async () => {
    const sent = await admin.get(`/api/v1/audit?action=notice.sent&${window}`);
    expect(subjects(sent.body)).toEqual(['notice.sent@2030-01-05T09:00:00Z', 'notice.sent@2030-01-03T09:00:00Z', 'notice.sent@2030-01-01T09:00:00Z']);
    const byBob = await admin.get(`/api/v1/audit?actorId=${bob}`);
    expect(subjects(byBob.body)).toEqual(['notice.sent@2030-01-03T09:00:00Z', 'contact.erased@2030-01-02T09:00:00Z']);
    const between = await admin.get('/api/v1/audit?from=2030-01-02T09:00:00Z&to=2030-01-04T09:00:00Z');
    expect(subjects(between.body)).toEqual([
      'settings.updated@2030-01-04T09:00:00Z',
      'notice.sent@2030-01-03T09:00:00Z',
      'contact.erased@2030-01-02T09:00:00Z',
    ]);
    const aliceSent = await admin.get(`/api/v1/audit?action=notice.sent&actorId=${alice}&from=2030-01-02&to=2030-02-01`);
    expect(subjects(aliceSent.body)).toEqual(['notice.sent@2030-01-05T09:00:00Z']);
  });

  it('pages with a cursor: every entry once, in order, and a null cursor at the end', async () => {
    const seen: (string | null)[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: HttpResult<AuditPage> = await admin.get(`/api/v1/audit?limit=4&${window}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...subjects(page.body));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(subjects((await admin.get(`/api/v1/audit?${window}`)).body));
  });

  it('answers 400 for a forged cursor, a bad actor id, a bad time or limit', async () => {
    for (const query of [
      'cursor=bm90LWEtY3Vyc29y',
      `cursor=${Buffer.from(JSON.stringify(['1; drop table audit_log'])).toString('base64url')}`,
      'actorId=alice',
      'from=yesterday',
      'to=2030-13-45',
      'limit=0',
      'limit=1000',
      'colour=blue',
    ]) {
      const answer = await admin.get(`/api/v1/audit?${query}`);
      expect([query, answer.status]).toEqual([query, 400]);
      expect(answer.body.details).toEqual(expect.any(Array));
    }
  });

  it('is for district admins only (403), shows only the caller’s district, and stays append-only', async () => {
    for (const role of ['school_admin', 'staff', 'liaison'] as const) {
      const userId = await addStaffUser(spec.db, spec.fixture.tenantId, { role });
      const answer = await api.withToken(await tokens.issue({ userId, tenantId: spec.fixture.tenantId })).get('/api/v1/audit');
      expect([role, answer.status]).toEqual([role, 403]);
    }
    const other = await createTenantFixture(spec.db);
    const elsewhere = await api.withToken(await tokens.issue({ userId: other.adminId, tenantId: other.tenantId })).get(`/api/v1/audit?${window}`);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.items).toEqual([]);
    await expect(spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update audit_log set action = 'nothing.happened'`))).rejects.toThrow(/permission denied/);
  });

  it('records sign-ins, failed ones and logouts as they happen', async () => {
    const [{ slug }] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select slug from tenants where id = $1`, [spec.fixture.tenantId]));
    const email = `reader-${randomHex(4)}@spec.fixture.test`;
    const id = await addStaffUser(spec.db, spec.fixture.tenantId, { email, role: 'staff', password: 'correct horse battery' });
    expect((await api.post('/api/v1/auth/login', { tenant: slug, email, password: 'wrong' })).status).toBe(401);
    const login = await api.post('/api/v1/auth/login', { tenant: slug, email, password: 'correct horse battery' });
    expect((await api.withToken(login.body.accessToken).post('/api/v1/auth/logout')).status).toBe(204);

    const recent = (await admin.get('/api/v1/audit?limit=3')).body.items;
    expect(recent.map((entry: AuditEntryRow) => [entry.action, entry.subjectId])).toEqual([
      ['auth.logout', id],
      ['auth.login', id],
      ['auth.login_failed', id],
    ]);
    expect(recent[0].actorUserId).toBe(id);
    expect(recent[2].data).toMatchObject({ email, reason: 'wrong_password' });
  });
});
