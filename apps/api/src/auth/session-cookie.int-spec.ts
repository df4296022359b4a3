import { addStaffUser, HttpClient, randomHex } from '@porchlight/testing';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiUnderTest, startApiUnderTest } from '../testing/api-under-test';

// Sign-ins cost an argon2id verification each; a busy machine takes its time.
jest.setTimeout(60_000);

const PASSWORD = 'correct horse battery';

/** The `porchlight_session=<token>` pair of a Set-Cookie header, and its attributes. */
function sessionCookie(headers: Headers): { pair: string; attributes: string[] } {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('porchlight_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(headers.getSetCookie())}`);
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  return { pair, attributes: attributes.map((a) => a.toLowerCase()) };
}

/**
 * The portal's session: sign-in to an httpOnly, SameSite=Strict cookie (Secure behind https),
 * accepted like the bearer token with the same revocation checks; cookie-carried writes only from
 * this very site (Origin equal to the request's Host); sign-out revokes it. And the portal's files
 * at `/`, client routes falling back to index.html without shadowing the API.
 */
describe('portal session cookie and CSRF (API in-process)', () => {
  let api: ApiUnderTest;
  let http: HttpClient;
  let slug: string;
  let host: string;
  const portalDir = mkdtempSync(join(tmpdir(), 'porchlight-portal-'));
  const email = `portal-${randomHex(4)}@fixture.test`;

  beforeAll(async () => {
    mkdirSync(join(portalDir, 'assets'));
    writeFileSync(join(portalDir, 'index.html'), '<!doctype html><html lang="en"><title>Porchlight</title><div id="root"></div></html>');
    writeFileSync(join(portalDir, 'assets', 'app-1234.js'), 'console.log("portal");');
    api = await startApiUnderTest('session', { PORTAL_DIR: portalDir });
    http = new HttpClient(api.base);
    host = new URL(api.base).host;
    [{ slug }] = await api.db.txFor(api.fixture.tenantId, (m) => m.query(`select slug from tenants where id = $1`, [api.fixture.tenantId]));
    await addStaffUser(api.db, api.fixture.tenantId, { email, role: 'staff', password: PASSWORD, language: 'es' });
  });

  afterAll(() => api?.close());

  const signIn = async (headers: Record<string, string> = {}) => {
    const answer = await http.post('/api/v1/auth/session', { tenant: slug, email, password: PASSWORD }, headers);
    expect(answer.status).toBe(200);
    return { answer, ...sessionCookie(answer.headers) };
  };
  const withCookie = (pair: string, extra: Record<string, string> = {}) => ({ cookie: pair, ...extra });

  it('signs in to an httpOnly, SameSite=Strict cookie holding a working token, never showing the token', async () => {
    const { answer, pair, attributes } = await signIn({ origin: `http://${host}` });
    expect(answer.body).toEqual({ user: expect.objectContaining({ email, role: 'staff', language: 'es' }), expiresAt: expect.any(String) });
    expect(JSON.stringify(answer.body)).not.toContain(pair.split('=')[1]);
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(attributes.some((a) => a.startsWith('expires='))).toBe(true);
    expect(attributes).not.toContain('secure');
    const me = await http.request<{ email: string }>('GET', '/api/v1/me', undefined, withCookie(pair));
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
  });

  it('marks the cookie Secure when the request came over https (behind the proxy)', async () => {
    const { attributes } = await signIn({ 'x-forwarded-proto': 'https' });
    expect(attributes).toContain('secure');
  });

  it('answers a wrong password with 401 and no cookie, and a sign-in posted from another site with 403', async () => {
    const wrong = await http.post('/api/v1/auth/session', { tenant: slug, email, password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const foreign = await http.post('/api/v1/auth/session', { tenant: slug, email, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getSetCookie()).toEqual([]);
    const bad = await http.post('/api/v1/auth/session', { tenant: slug });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['email', 'password']);
  });

  it('lets a cookie write only from this site: Origin equal to Host (or the proxy’s forwarded host), else 403 and nothing changes', async () => {
    const { pair, answer } = await signIn();
    const path = `/api/v1/users/${answer.body.user.id}`;
    const write = (language: string, headers: Record<string, string>) => http.request('PATCH', path, { language }, withCookie(pair, headers));
    const language = async () => (await http.request<{ language: string }>('GET', path, undefined, withCookie(pair))).body.language;
    const noOrigin = await write('vi', {});
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringMatching(/Origin must match Host/) });
    expect((await write('vi', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await write('vi', { origin: 'null' })).status).toBe(403);
    expect((await write('vi', { origin: `http://${host}.evil.example` })).status).toBe(403);
    expect(await language()).toBe('es');
    expect((await write('vi', { origin: `http://${host}`, 'x-forwarded-host': 'evil.example' })).status).toBe(200);
    expect(await language()).toBe('vi');

    expect((await write('es', { origin: `http://${host}` })).status).toBe(200);
    expect(await language()).toBe('es');
    expect((await write('ar', { origin: 'https://portal.example.org', 'x-forwarded-host': 'portal.example.org' })).status).toBe(200);
    expect(await language()).toBe('ar');
    expect((await write('es', { origin: 'https://evil.example', 'x-forwarded-host': 'portal.example.org' })).status).toBe(403);
    expect(await language()).toBe('ar');
  });

  it('keeps bearer calls as they were: no Origin needed, and a bearer header wins over a cookie', async () => {
    const token = await api.token('district_admin');
    const bearer = new HttpClient(api.base, token);
    expect((await bearer.post('/api/v1/schools', { name: `School ${randomHex(3)}` })).status).toBe(201);
    const { pair } = await signIn();
    const both = await http.request('POST', '/api/v1/schools', { name: 'Other' }, { cookie: pair, authorization: 'Bearer not-a-token' });
    expect(both.status).toBe(401);
  });

  it('signs out: the cookie is cleared and its token refused at once, as a logged-out bearer token is', async () => {
    const { pair } = await signIn();
    expect((await http.request('DELETE', '/api/v1/auth/session', undefined, withCookie(pair))).status).toBe(403);
    const out = await http.request('DELETE', '/api/v1/auth/session', undefined, withCookie(pair, { origin: `http://${host}` }));
    expect(out.status).toBe(204);
    const cleared = sessionCookie(out.headers);
    expect(cleared.pair).toBe('porchlight_session=');
    expect(cleared.attributes.some((a) => a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);
    expect((await http.request('GET', '/api/v1/me', undefined, withCookie(pair))).status).toBe(401);
    expect((await http.request('GET', '/api/v1/me', undefined, { authorization: `Bearer ${pair.split('=')[1]}` })).status).toBe(401);
  });

  it('refuses the cookie of a deactivated user, and a forged or garbled cookie, with 401', async () => {
    const other = `gone-${randomHex(4)}@fixture.test`;
    const id = await addStaffUser(api.db, api.fixture.tenantId, { email: other, role: 'staff', password: PASSWORD });
    const answer = await http.post('/api/v1/auth/session', { tenant: slug, email: other, password: PASSWORD });
    const { pair } = sessionCookie(answer.headers);
    await api.db.txFor(api.fixture.tenantId, (m) => m.query(`update users set active = false where id = $1`, [id]));
    expect((await http.request('GET', '/api/v1/me', undefined, withCookie(pair))).status).toBe(401);
    expect((await http.request('GET', '/api/v1/me', undefined, { cookie: 'porchlight_session=abc.def.ghi' })).status).toBe(401);
    expect((await http.request('GET', '/api/v1/me', undefined, { cookie: 'porchlight_session=%E0%A4%A' })).status).toBe(401);
    expect((await http.request('GET', '/api/v1/me', undefined, { cookie: 'other=1' })).status).toBe(401);
  });

  it('serves the portal at / with client routes falling back to index.html, and leaves the API its paths', async () => {
    const home = await fetch(`${api.base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(await home.text()).toContain('<div id="root">');
    const route = await fetch(`${api.base}/notices/123e4567-e89b-12d3-a456-426614174000`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    const asset = await fetch(`${api.base}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${api.base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${api.base}/assets/..%2F..%2Fetc%2Fpasswd.js`)).status).toBe(404);
    expect((await fetch(`${api.base}/api/v1/nothing-here`)).status).toBe(404);
    expect((await fetch(`${api.base}/api/v1/me`)).status).toBe(401);
    expect((await fetch(`${api.base}/health`)).status).toBe(200);
    expect((await fetch(`${api.base}/webhooks/twilio/nothing`)).status).toBe(404);
    expect((await fetch(`${api.base}/p/${slug}/nothing`)).headers.get('content-type')).not.toMatch(/text\/html/);
    expect((await fetch(`${api.base}/`, { method: 'POST' })).status).toBe(404);
  });
});
