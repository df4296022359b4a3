import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { AccessTokens } from '@porchlight/identity';
import { randomSecretsKey } from '@porchlight/testing';
import { ApiUnderTest, Operation, servedOperations, startApiUnderTest } from '../testing/api-under-test';

/** Bodies that would each earn a 400 from a caller allowed to send them. */
const GARBAGE: { name: string; contentType: string; body: string }[] = [
  { name: 'malformed JSON', contentType: 'application/json', body: '{"name": "Lincoln", "phone": ' },
  {
    name: 'wrong types, NUL and prototype keys',
    contentType: 'application/json',
    body: '{"name": 42, "body": "a\\u0000b", "audience": [{"__proto__": {"x": 1}}], "extra": true}',
  },
  { name: 'a form', contentType: 'application/x-www-form-urlencoded', body: 'slug=%00&admin=1' },
  {
    name: 'garbled multipart',
    contentType: 'multipart/form-data; boundary=xyz',
    body: '--xyz\r\nContent-Disposition: form-data; name="files"; filename="users.csv"\r\n\r\nno end',
  },
];

const concrete = (path: string) => path.replace(/\{language\}/g, 'es').replace(/\{[^}]+\}/g, () => randomUUID());

describe('Auth before anything else: every protected route answers 401/403 before it reads the body', () => {
  let api: ApiUnderTest;
  let operations: Operation[];
  let callers: { name: string; authorization?: string }[];

  beforeAll(async () => {
    api = await startApiUnderTest('auth-first');
    ({ operations } = await servedOperations(api.base));
    const forged = await new AccessTokens(randomSecretsKey(), 3600).issue({
      userId: api.fixture.adminId,
      tenantId: api.fixture.tenantId,
      role: 'district_admin',
      schoolIds: [],
      language: 'en',
    });
    callers = [
      { name: 'no token' },
      { name: 'a random bearer token', authorization: 'Bearer not-a-token' },
      { name: 'a token signed with another key', authorization: `Bearer ${forged}` },
      { name: 'Basic credentials', authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    ];
  });

  afterAll(() => api?.close());

  const send = async (operation: Operation, authorization: string | undefined, garbage: (typeof GARBAGE)[number]) => {
    const response = await fetch(`${api.base}${concrete(operation.path)}`, {
      method: operation.method,
      headers: { 'content-type': garbage.contentType, ...(authorization ? { authorization } : {}) },
      body: operation.method === 'GET' || operation.method === 'HEAD' ? undefined : garbage.body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('finds the protected routes in the OpenAPI document', () => {
    const protectedPaths = operations.filter((o) => o.bearer).map((o) => `${o.method} ${o.path}`);
    expect(protectedPaths).toEqual(
      expect.arrayContaining(['POST /api/v1/platform/tenants', 'POST /api/v1/contacts', 'POST /api/v1/imports/oneroster', 'PATCH /api/v1/settings']),
    );
    expect(protectedPaths).not.toContain('POST /api/v1/auth/login');
  });

  it('answers 401 in the API error shape to anonymous and wrong-token calls with garbage bodies, on every protected route', async () => {
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => o.bearer)) {
      for (const caller of callers) {
        for (const garbage of GARBAGE) {
          const { status, body } = await send(operation, caller.authorization, garbage);
          if (status !== 401 || body?.statusCode !== 401 || body?.error !== 'Unauthorized' || 'details' in body) {
            wrong.push(`${operation.method} ${operation.path} with ${caller.name} and ${garbage.name}: ${status} ${JSON.stringify(body)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('answers 401 to a staff token on the platform route and to the platform token on staff routes', async () => {
    const platform = operations.find((o) => o.path === '/api/v1/platform/tenants')!;
    const staff = await api.token('district_admin');
    expect((await send(platform, `Bearer ${staff}`, GARBAGE[1])).status).toBe(401);
    for (const operation of operations.filter((o) => o.bearer && !o.path.startsWith('/api/v1/platform'))) {
      expect({ route: `${operation.method} ${operation.path}`, status: (await send(operation, `Bearer ${api.platformToken}`, GARBAGE[1])).status }).toEqual({
        route: `${operation.method} ${operation.path}`,
        status: 401,
      });
    }
  }, 30_000);

  it('validates the platform body only for the platform token', async () => {
    const platform = operations.find((o) => o.path === '/api/v1/platform/tenants')!;
    const { status, body } = await send(platform, `Bearer ${api.platformToken}`, GARBAGE[1]);
    expect(status).toBe(400);
    expect(body.details.length).toBeGreaterThan(0);
  });

  it.each([
    ['POST', '/api/v1/schools'],
    ['POST', '/api/v1/users'],
    ['PATCH', '/api/v1/settings'],
    ['POST', '/api/v1/glossary'],
    ['DELETE', '/api/v1/glossary/{id}'],
    ['POST', '/api/v1/notices/{id}/translations/{language}/approve'],
  ])('answers 403 to a role that may not %s %s, whatever the body', async (method, path) => {
    const staff = await api.token('staff');
    for (const garbage of GARBAGE) {
      const { status, body } = await send({ method, path } as Operation, `Bearer ${staff}`, garbage);
      expect({ garbage: garbage.name, status, error: body?.error }).toEqual({ garbage: garbage.name, status: 403, error: 'Forbidden' });
    }
  });

  /** Sends the headers and the start of a large upload, and waits for an answer without finishing it. */
  const answerBeforeUpload = (path: string, authorization?: string) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = httpRequest(`${api.base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'multipart/form-data; boundary=xyz',
          'content-length': String(100 * 1024 * 1024),
          ...(authorization ? { authorization } : {}),
        },
      });
      const timer = setTimeout(() => reject(new Error(`no answer from ${path} before the upload ended`)), 10_000);
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          clearTimeout(timer);
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
        });
      });
      request.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
      request.write('--xyz\r\nContent-Disposition: form-data; name="files"; filename="users.csv"\r\nContent-Type: text/csv\r\n\r\nsourcedId,role\r\n');
    });

  it.each(['/api/v1/imports/oneroster', '/api/v1/imports/csv'])('refuses %s to anonymous callers and other roles before reading the upload', async (path) => {
    expect((await answerBeforeUpload(path)).status).toBe(401);
    const refused = await answerBeforeUpload(path, `Bearer ${await api.token('school_admin')}`);
    expect(refused).toEqual({ status: 403, body: expect.objectContaining({ statusCode: 403, message: 'only a district admin can do this' }) });
  });
});
