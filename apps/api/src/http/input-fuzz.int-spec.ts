import fc from 'fast-check';
import { addFamilies, createNoticeFixture, PROPERTY_PATH, PROPERTY_RUNS_FACTOR, PROPERTY_SEED, randomHex } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { ApiUnderTest, Operation, servedOperations, startApiUnderTest } from '../testing/api-under-test';
import { arbitraryBody, arbitraryPathValue, arbitraryQuery, encode, Flavour, nastyText, toJsonText } from '../testing/arbitrary-input';

/**
 * Property: whatever a district admin sends to any route of the served OpenAPI document, the API
 * answers 2xx or 4xx in its error shape, never 500, and a 4xx leaves the district's rows as they
 * were. Routes are read from `/api/docs-json`, so a new route is covered without touching this spec.
 * A failure prints fast-check's seed and path; `FC_SEED=<seed> FC_PATH=<path>` replays it, and
 * `FC_RUNS=<n>` runs n times as many cases.
 */
const PUBLIC_BASE_URL = 'https://porchlight.example.org';
// Tables whose rows only record that something was tried (e.g. refused logins) may grow on a 4xx.
/**
 * Not compared: the append-only audit log (a refused call may well be audited), and the tenant
 * directory, which has a `tenant_id` but no row-level security (it is read before a tenant is
 * known), so every district other specs create at the same time shows up in it.
 */
const NOT_COMPARED = new Set(['audit_log', 'tenant_directory']);

describe('Arbitrary input at every route never earns a 500 nor half-stores anything (fast-check)', () => {
  let api: ApiUnderTest;
  let operations: Operation[];
  let components: Record<string, any>;
  let tables: string[];
  let ids: string[];
  let adminToken: string;

  beforeAll(async () => {
    api = await startApiUnderTest('input-fuzz', { PUBLIC_BASE_URL });
    adminToken = await api.token('district_admin');
    const { schoolId, contactIds } = await addFamilies(api.db, api.fixture.tenantId, [
      { phone: '+16175550191', language: 'es' },
      { phone: '+16175550192', language: 'vi' },
    ]);
    const noticeId = await createNoticeFixture(api.db, api.fixture, { translations: { es: 'Hola' } });
    const [conversation] = await api.db.txFor(api.fixture.tenantId, (m) =>
      m.query(`insert into conversations (tenant_id, phone, contact_id) values ($1, '+16175550191', $2) returning id`, [api.fixture.tenantId, contactIds[0]]),
    );
    const [glossary] = await api.db.txFor(api.fixture.tenantId, (m) =>
      m.query(`insert into glossary_terms (tenant_id, term) values ($1, 'PTA') returning id`, [api.fixture.tenantId]),
    );
    const students = await api.db.txFor(api.fixture.tenantId, (m) => m.query(`select id from students`));
    ids = [schoolId, ...contactIds, ...students.map((s: { id: string }) => s.id), noticeId, conversation.id, glossary.id, api.fixture.adminId];
    const served = await servedOperations(api.base);
    operations = served.operations;
    components = served.document.components?.schemas ?? {};
    tables = (
      await api.db.unscoped<{ table_name: string }>(
        `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`,
      )
    )
      .map((row) => row.table_name)
      .filter((table) => !NOT_COMPARED.has(table));
  }, 60_000);

  afterAll(() => api?.close());

  /** The district's rows, table by table, as digests (and its own settings row). */
  const snapshot = () =>
    api.db.txFor(api.fixture.tenantId, async (m) => {
      const [row] = await m.query(
        `select ${tables.map((table) => `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t) as "${table}"`).join(', ')},
                (select md5(t::text) from tenants t where t.id = $1) as tenant`,
        [api.fixture.tenantId],
      );
      return row as Record<string, string>;
    });

  const check = async (description: string, response: Response, before: Record<string, string>, after: () => Promise<Record<string, string>>) => {
    const text = await response.text();
    if (response.status >= 500 || response.status < 200) throw new Error(`${description} answered ${response.status}: ${text.slice(0, 500)}`);
    if (response.status >= 400) {
      // A page for families (`/p/...`) answers an unknown district with a page that says so.
      const page = response.status === 404 && (response.headers.get('content-type') ?? '').startsWith('text/html');
      const body = page ? { statusCode: 404, error: 'Not Found', message: text } : JSON.parse(text);
      if (body.statusCode !== response.status || typeof body.error !== 'string' || typeof body.message !== 'string') {
        throw new Error(`${description} answered ${response.status} outside the error shape: ${text.slice(0, 500)}`);
      }
      const now = await after();
      const changed = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter((table) => before[table] !== now[table]);
      if (changed.length > 0) throw new Error(`${description} answered ${response.status} but changed ${changed.join(', ')}`);
    }
  };

  const settings = (runs: number) => ({
    numRuns: runs * PROPERTY_RUNS_FACTOR,
    ...(PROPERTY_SEED !== undefined ? { seed: PROPERTY_SEED, ...(PROPERTY_PATH ? { path: PROPERTY_PATH } : {}) } : {}),
  });

  it('answers signed Twilio webhooks holding any text with 2xx or 4xx', async () => {
    const field = nastyText(['+16175550191', '+16175550100', 'delivered', 'undelivered', '30003', '21610', 'constructor']);
    const webhook = fc.record({
      path: fc.constantFrom('/webhooks/twilio/sms', '/webhooks/twilio/status', `/webhooks/twilio/status?m=${ids[3]}`),
      params: fc.record(
        { From: field, To: field, Body: field, MessageSid: fc.oneof(field, fc.constant(`SM${randomHex(16)}`)), MessageStatus: field, ErrorCode: field },
        { requiredKeys: [] },
      ),
    });
    await fc.assert(
      fc.asyncProperty(webhook, async ({ path, params }) => {
        // What the phone sent, as the form decoder will hand it to the signature check.
        const sent: Record<string, string> = Object.fromEntries(
          Object.entries({ AccountSid: api.fixture.accountSid, ...params }).map(([k, v]) => [k, decodeURIComponent(encode(v as string))]),
        );
        const before = await snapshot();
        const response = await fetch(`${api.base}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': getExpectedTwilioSignature(api.fixture.authToken, `${PUBLIC_BASE_URL}${path}`, sent),
          },
          body: Object.entries(sent)
            .map(([k, v]) => `${encode(k)}=${encode(v)}`)
            .join('&'),
        });
        if (response.status === 403) throw new Error(`the signature of ${JSON.stringify(sent)} was refused`);
        await check(`POST ${path} ${JSON.stringify(sent)}`, response, before, snapshot);
      }),
      settings(30),
    );
  }, 120_000);

  const requests = (flavour: Flavour) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc.record({
        operation: fc.constant(operation),
        params: fc.tuple(...operation.pathParams.map((name) => arbitraryPathValue(name, ids, flavour)), fc.constant('')),
        query: arbitraryQuery(operation.queryParams, ids, flavour),
        body: arbitraryBody(operation.requestSchema as any, components, ids, flavour),
      }),
    );

  const send = async ({ operation, params, query, body }: { operation: Operation; params: string[]; query: string; body: unknown }) => {
    let index = 0;
    const path = operation.path.replace(/\{[^}]+\}/g, () => encode(params[index++]));
    const url = `${path}${query ? `?${query}` : ''}`;
    const token = operation.path.startsWith('/api/v1/platform/') ? api.platformToken : adminToken;
    const hasBody = !['GET', 'HEAD', 'DELETE'].includes(operation.method);
    const text = hasBody ? toJsonText(body) : undefined;
    const before = await snapshot();
    const slug = hasBody && typeof (body as { slug?: unknown })?.slug === 'string' ? (body as { slug: string }).slug : undefined;
    const response = await fetch(`${api.base}${url}`, {
      method: operation.method,
      headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: text,
    });
    await check(`${operation.method} ${url} ${text?.slice(0, 300) ?? ''}`, response, before, async () => {
      // A refused district must not exist either.
      if (slug && !/\u0000/.test(slug)) {
        const found = await api.db.unscoped(`select 1 from tenant_directory where slug = $1`, [slug.replace(/[\uD800-\uDFFF]/g, '\uFFFD')]);
        if (found.length > 0) return { tenant_directory: 'a district was created' };
      }
      return snapshot();
    });
  };

  it('answers hostile bodies, queries and path parameters on every route with 2xx or 4xx, storing nothing on a 4xx', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
    await fc.assert(fc.asyncProperty(requests('hostile'), send), settings(100));
  }, 300_000);

  it('answers plausible but wrong input (legal text, wrong types, unknown ids) the same way, deeper in the use-cases', async () => {
    await fc.assert(fc.asyncProperty(requests('plausible'), send), settings(100));
  }, 300_000);
});
