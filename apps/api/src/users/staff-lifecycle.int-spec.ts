import { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv } from '@porchlight/config';
import { AccessTokens } from '@porchlight/identity';
import {
  addFamilies,
  addStaffUser,
  createTenantFixture,
  HttpClient,
  randomHex,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  TEST_SECRETS_KEY,
  useIntegration,
} from '@porchlight/testing';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../bootstrap';

// Sign-ins hash with argon2id; on a busy machine a test of several takes more than jest's 5 s.
jest.setTimeout(60_000);

const PASSWORD = 'correct horse battery';

describe('Staff lifecycle: every request checks the user as they stand now (API in-process, Postgres and Redis)', () => {
  let app: INestApplication;
  const spec = useIntegration('staff-lifecycle');
  let api: HttpClient;
  let slug: string;
  let admin: HttpClient;
  let school1: string;
  let school2: string;
  const tokens = new AccessTokens(TEST_SECRETS_KEY, 3600);

  beforeAll(async () => {
    [{ slug }] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select slug from tenants where id = $1`, [spec.fixture.tenantId]));
    ({ schoolId: school1 } = await addFamilies(spec.db, spec.fixture.tenantId, [{ phone: '+16175550151', language: 'en' }]));
    ({ schoolId: school2 } = await addFamilies(spec.db, spec.fixture.tenantId, [{ phone: '+16175550152', language: 'es' }]));
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

  /** A staff member who can sign in, and a signed-in client for them. */
  const staffMember = async (role: 'district_admin' | 'staff' | 'school_admin', schoolIds: string[] = []) => {
    const email = `staff-${randomHex(4)}@spec.fixture.test`;
    const id = await addStaffUser(spec.db, spec.fixture.tenantId, { email, role, schoolIds, password: PASSWORD });
    return { id, email, client: await signIn(email) };
  };
  const signIn = async (email: string, password = PASSWORD) => {
    const login = await api.post('/api/v1/auth/login', { tenant: slug, email, password });
    expect(login.status).toBe(200);
    return api.withToken(login.body.accessToken);
  };
  const auditOf = async (action: string, subjectId: string) =>
    (await admin.get(`/api/v1/audit?action=${action}`)).body.items.filter((entry: { subjectId: string | null }) => entry.subjectId === subjectId);

  it('answers 401 to a deactivated staff member from the next request, keeps the row, and reactivation does not revive old tokens', async () => {
    const { id, email, client } = await staffMember('staff', [school1]);
    expect((await client.get('/api/v1/me')).status).toBe(200);

    expect((await admin.delete(`/api/v1/users/${id}`)).status).toBe(204);
    const refused = await client.get('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'a valid access token is required' });
    expect((await api.post('/api/v1/auth/login', { tenant: slug, email, password: PASSWORD })).status).toBe(401);

    const kept = await admin.get(`/api/v1/users/${id}`);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ id, email, active: false, role: 'staff', schoolIds: [school1] });
    expect(kept.body.deactivatedAt).toEqual(expect.any(String));
    expect(await auditOf('user.deactivated', id)).toEqual([expect.objectContaining({ actorUserId: spec.fixture.adminId, subjectType: 'user' })]);
    const failed = await auditOf('auth.login_failed', id);
    expect(failed[0].data).toMatchObject({ email, reason: 'inactive' });

    // Deleting again changes nothing and writes nothing.
    expect((await admin.delete(`/api/v1/users/${id}`)).status).toBe(204);
    expect(await auditOf('user.deactivated', id)).toHaveLength(1);

    const reactivated = await admin.patch(`/api/v1/users/${id}`, { active: true });
    expect(reactivated.status).toBe(200);
    expect(reactivated.body).toMatchObject({ active: true, deactivatedAt: null });
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect((await (await signIn(email)).get('/api/v1/me')).status).toBe(200);
    expect(await auditOf('user.reactivated', id)).toHaveLength(1);
  });

  it('treats a demoted district admin as staff from the next request, and audits role before and after', async () => {
    const { id, client } = await staffMember('district_admin');
    expect((await client.get('/api/v1/audit')).status).toBe(200);

    const demoted = await admin.patch(`/api/v1/users/${id}`, { role: 'staff', schoolIds: [school1] });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ role: 'staff', schoolIds: [school1], active: true });
    expect((await client.get('/api/v1/audit')).status).toBe(403);
    expect((await client.patch('/api/v1/settings', { name: 'Taken Over' })).status).toBe(403);
    expect((await client.get('/api/v1/me')).body.role).toBe('staff');

    const [entry] = await auditOf('user.updated', id);
    expect(entry).toMatchObject({
      actorUserId: spec.fixture.adminId,
      data: { changed: ['role', 'schoolIds'], before: { role: 'district_admin', schoolIds: [] }, after: { role: 'staff', schoolIds: [school1] } },
    });
  });

  it("shows a re-scoped staff member the new school's families from the next request", async () => {
    const { id, client } = await staffMember('staff', [school1]);
    const phones = async () => (await client.get('/api/v1/contacts')).body.items.map((contact: { phone: string }) => contact.phone);
    expect(await phones()).toEqual(['+16175550151']);

    expect((await admin.patch(`/api/v1/users/${id}`, { schoolIds: [school2] })).status).toBe(200);
    expect(await phones()).toEqual(['+16175550152']);
    const [entry] = await auditOf('user.updated', id);
    expect(entry.data).toEqual({ changed: ['schoolIds'], before: { role: 'staff', schoolIds: [school1] }, after: { role: 'staff', schoolIds: [school2] } });
  });

  it('logs out one token: it answers 401 at once, the same user’s other token keeps working', async () => {
    const { id, email, client } = await staffMember('staff', [school1]);
    const other = await signIn(email);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(401);
    expect((await other.get('/api/v1/me')).status).toBe(200);
    expect(await auditOf('auth.logout', id)).toEqual([expect.objectContaining({ actorUserId: id })]);
  });

  it('changes a password: every older token answers 401, the answer carries a working token, the old password no longer signs in', async () => {
    const { id, email, client } = await staffMember('staff', [school1]);
    const other = await signIn(email);
    const wrong = await client.post('/api/v1/me/password', { currentPassword: 'not it', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    expect((await client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' })).status).toBe(400);
    expect((await other.get('/api/v1/me')).status).toBe(200);

    const changed = await client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(changed.status).toBe(200);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect((await api.withToken(changed.body.accessToken).get('/api/v1/me')).status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { tenant: slug, email, password: PASSWORD })).status).toBe(401);
    expect((await (await signIn(email, 'a brand new passphrase')).get('/api/v1/me')).status).toBe(200);
    expect(await auditOf('user.password_changed', id)).toHaveLength(1);
    expect(await auditOf('user.password_change_failed', id)).toHaveLength(1);
  });

  it('lets anyone change their own name and language, and nothing else', async () => {
    const { id, client } = await staffMember('staff', [school1]);
    const renamed = await client.patch(`/api/v1/users/${id}`, { name: 'Ana Díaz', language: 'es' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Ana Díaz', language: 'es', role: 'staff' });
    expect((await client.get('/api/v1/me')).body.language).toBe('es');

    expect((await client.patch(`/api/v1/users/${id}`, { role: 'district_admin' })).status).toBe(403);
    expect((await client.patch(`/api/v1/users/${id}`, { schoolIds: [school1, school2] })).status).toBe(403);
    expect((await client.patch(`/api/v1/users/${spec.fixture.adminId}`, { name: 'Hijacked' })).status).toBe(403);
    expect((await client.delete(`/api/v1/users/${spec.fixture.adminId}`)).status).toBe(403);
    expect((await client.delete(`/api/v1/users/${id}`)).status).toBe(403);
    expect((await admin.get(`/api/v1/users/${id}`)).body).toMatchObject({ role: 'staff', schoolIds: [school1], active: true });
    expect((await admin.get(`/api/v1/users/${spec.fixture.adminId}`)).body.name).not.toBe('Hijacked');
  });

  it('answers 400 for an unknown school, a bad role or unknown fields, changing nothing', async () => {
    const { id } = await staffMember('staff', [school1]);
    const unknownSchool = await admin.patch(`/api/v1/users/${id}`, { schoolIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknownSchool.status).toBe(400);
    expect(unknownSchool.body.details).toEqual([{ field: 'schoolIds', message: 'unknown school id' }]);
    expect((await admin.patch(`/api/v1/users/${id}`, { role: 'superuser' })).status).toBe(400);
    expect((await admin.patch(`/api/v1/users/${id}`, { email: 'x@y.z' })).status).toBe(400);
    expect((await admin.patch(`/api/v1/users/${id}`, { active: 'no' })).status).toBe(400);
    expect((await admin.get(`/api/v1/users/${id}`)).body).toMatchObject({ schoolIds: [school1], role: 'staff', active: true });
  });

  it('answers 404 for another district’s staff member and for ids that are not ids', async () => {
    const elsewhere = await createTenantFixture(spec.db);
    for (const path of [`/api/v1/users/${elsewhere.adminId}`, '/api/v1/users/not-a-uuid']) {
      expect((await admin.get(path)).status).toBe(404);
      expect((await admin.patch(path, { name: 'Mine now' })).status).toBe(404);
      expect((await admin.delete(path)).status).toBe(404);
    }
    const stillThere = await spec.db.txFor(elsewhere.tenantId, (m) => m.query(`select active, name from users where id = $1`, [elsewhere.adminId]));
    expect(stillThere).toEqual([{ active: true, name: null }]);
  });

  it('keeps at least one active district admin: the last one can neither leave nor step down (409)', async () => {
    const lonely = await createTenantFixture(spec.db);
    const sole = api.withToken(await tokens.issue({ userId: lonely.adminId, tenantId: lonely.tenantId }));
    expect((await sole.delete(`/api/v1/users/${lonely.adminId}`)).status).toBe(409);
    expect((await sole.patch(`/api/v1/users/${lonely.adminId}`, { role: 'staff' })).status).toBe(409);
    expect((await sole.patch(`/api/v1/users/${lonely.adminId}`, { active: false })).status).toBe(409);
    expect((await sole.get('/api/v1/audit')).status).toBe(200);

    // With a second admin, either may go — but not both, even at the same time.
    const second = await addStaffUser(spec.db, lonely.tenantId, { role: 'district_admin' });
    const secondClient = api.withToken(await tokens.issue({ userId: second, tenantId: lonely.tenantId }));
    const answers = await Promise.all([
      sole.patch(`/api/v1/users/${lonely.adminId}`, { role: 'staff' }),
      secondClient.patch(`/api/v1/users/${second}`, { role: 'staff' }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const [{ count }] = await spec.db.txFor(lonely.tenantId, (m) =>
      m.query(`select count(*)::int as count from users where role = 'district_admin' and active`),
    );
    expect(count).toBe(1);
  });

  it('answers 401, never 500, once the user row is gone', async () => {
    const { id, client } = await staffMember('staff', [school1]);
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`delete from users where id = $1`, [id]));
    for (const call of [
      () => client.get('/api/v1/me'),
      () => client.get('/api/v1/contacts'),
      () => client.post('/api/v1/notices', { body: 'Hello', sourceLanguage: 'en', urgency: 'normal', audience: { schoolIds: [school1] } }),
      () => client.post('/api/v1/auth/logout'),
      () => client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }),
    ]) {
      expect((await call()).status).toBe(401);
    }
  });

  it('describes the new routes in the OpenAPI document', async () => {
    const docs = (await api.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(docs.paths['/api/v1/users/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(docs.paths['/api/v1/auth/logout'])).toEqual(['post']);
    expect(Object.keys(docs.paths['/api/v1/me/password'])).toEqual(['post']);
    expect(Object.keys(docs.paths['/api/v1/audit'])).toEqual(['get']);
  });
});
