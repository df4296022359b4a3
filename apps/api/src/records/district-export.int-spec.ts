import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { BuildExportUseCase, EXPORT_TABLES, ExportView } from '@porchlight/records';
import { TenantContext } from '@porchlight/tenancy';
import { TenantFixture, waitFor, useIntegration } from '@porchlight/testing';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import { expectDocumentedKeys, Household, OpenApiDocument, seedHousehold, staffToken, startApi } from '../testing/records-spec-helpers';

/** Every file of a zip, as text. */
function unzip(zip: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const files = new Map<string, string>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return reject(openError);
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(parts).toString('utf8'));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(files));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

describe('District exports: POST /exports, a job, one download (API in-process, Postgres and Redis)', () => {
  const spec = useIntegration('district-export', { poolSize: 4, extraTenants: 1 });
  let a: TenantFixture;
  let b: TenantFixture;
  let home: Household;
  let api: Awaited<ReturnType<typeof startApi>>;
  let admin: string;
  let otherAdmin: string;
  let otherTenantAdmin: string;
  const extraMessages = 20_000;

  beforeAll(async () => {
    [a, b] = [spec.fixture, spec.tenants[0]];
    home = await seedHousehold(spec.db, a, '+16175550171', '+16175550172', 'Alpha');
    await seedHousehold(spec.db, b, '+16175550171', '+16175550172', 'Bravo');
    // Enough texts that hardly compress for several cursor fetches and more than one stored chunk.
    await spec.db.txFor(a.tenantId, (m) =>
      m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, created_at)
         select $1, 'outbound', 'system', '+16175550199', md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text), 'delivered', now() - make_interval(secs => g)
         from generate_series(1, $2) g`,
        [a.tenantId, extraMessages],
      ),
    );
    await spec.db.txFor(a.tenantId, (m) =>
      m.query(
        `insert into notice_translations (tenant_id, notice_id, language, body, origin, status) select tenant_id, id, 'es', 'Alpha, "hola", día', 'human', 'ready' from notices`,
      ),
    );
    api = await startApi(spec.prefix);
    admin = (await staffToken(spec.db, a, 'district_admin', a.adminId)).token;
    otherAdmin = (await staffToken(spec.db, a, 'district_admin')).token;
    otherTenantAdmin = (await staffToken(spec.db, b, 'district_admin', b.adminId)).token;
  }, 60_000);

  spec.onTeardown(() => api?.stop());

  const call = (method: string, path: string, token = admin) => fetch(`${api.base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const json = async (method: string, path: string, token = admin) => {
    const response = await call(method, path, token);
    return { status: response.status, body: (await response.json()) as ExportView };
  };
  const build = (f: TenantFixture, id: string) =>
    TenantContext.run({ tenantId: f.tenantId, correlationId: 'spec' }, () => new BuildExportUseCase(spec.db).execute(id));
  const audited = (action: string, id: string) =>
    spec.db.txFor(a.tenantId, (m) => m.query(`select actor_user_id, data from audit_log where action = $1 and subject_id = $2`, [action, id]));

  it('builds a zip of CSVs with every row of the district and none of another, downloadable once by its requester', async () => {
    const started = await json('POST', '/api/v1/exports');
    expect(started.status).toBe(202);
    const id: string = started.body.id;
    expect(await audited('export.requested', id)).toEqual([{ actor_user_id: a.adminId, data: {} }]);
    // The job carries ids only, under its deterministic id.
    const queue = new Queue(QueueName.Contacts, { connection: spec.redis, prefix: spec.prefix });
    const job = await queue.getJob(jobId.buildExport(id));
    expect(job?.name).toBe(JobName.BuildExport);
    expect(job?.data).toEqual({ tenantId: a.tenantId, correlationId: expect.any(String), exportId: id });
    await queue.close();

    expect((await json('GET', `/api/v1/exports/${id}`)).body).toMatchObject({ id, status: 'queued', available: false });
    expect((await call('GET', `/api/v1/exports/${id}/download`)).status).toBe(409);

    await build(a, id);
    const done = await json('GET', `/api/v1/exports/${id}`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', available: true, downloadedAt: null, failure: null });
    expect(done.body.size).toBeGreaterThan(1024 * 1024);
    const [{ chunks }] = await spec.db.txFor(a.tenantId, (m) => m.query(`select count(*)::int as chunks from export_chunks where export_id = $1`, [id]));
    expect(chunks).toBe(Math.ceil(done.body.size / (1024 * 1024)));

    // Another admin of the district, and another district, are told it does not exist.
    expect((await call('GET', `/api/v1/exports/${id}`, otherAdmin)).status).toBe(404);
    expect((await call('GET', `/api/v1/exports/${id}/download`, otherAdmin)).status).toBe(404);
    expect((await call('GET', `/api/v1/exports/${id}/download`, otherTenantAdmin)).status).toBe(404);

    const response = await call('GET', `/api/v1/exports/${id}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="porchlight-export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip"$/);
    const zip = Buffer.from(await response.arrayBuffer());
    expect(zip.length).toBe(done.body.size);
    expect(await audited('export.downloaded', id)).toEqual([{ actor_user_id: a.adminId, data: { size: done.body.size } }]);

    const files = await unzip(zip);
    expect([...files.keys()].sort()).toEqual(['README.txt', ...EXPORT_TABLES.map((t) => t.file)].sort());
    const expected: Record<string, number> = {};
    const tableOf: Record<string, string> = {
      'schools.csv': `schools`,
      'students.csv': 'students',
      'contacts.csv': 'contacts',
      'contact_students.csv': 'contact_students',
      'phones.csv': 'phones',
      'consent_events.csv': 'consent_events',
      'notices.csv': 'notices',
      'notice_translations.csv': 'notice_translations',
      'messages.csv': 'messages',
      'conversations.csv': 'conversations',
    };
    for (const table of EXPORT_TABLES) {
      const [{ n }] = await spec.db.txFor(a.tenantId, (m) => m.query(`select count(*)::int as n from ${tableOf[table.file]}`));
      expected[table.key] = n;
      const text = files.get(table.file) as string;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const parsed: Record<string, string>[] = parse(text, { bom: true, columns: true });
      expect(Object.keys(parsed[0] ?? Object.fromEntries(table.columns.map((c) => [c, ''])))).toEqual([...table.columns]);
      expect(parsed).toHaveLength(n);
      expect(text).not.toContain(b.tenantId);
      expect(text).not.toContain('Bravo');
    }
    expect(done.body.counts).toEqual(expected);
    expect(expected.messages).toBe(4 + extraMessages);

    // Bodies as stored, quotes and all; the family's reply with its translation.
    const messages: Record<string, string>[] = parse(files.get('messages.csv') as string, { bom: true, columns: true });
    expect(messages.find((row) => row.id === home.replyId)).toMatchObject({
      direction: 'inbound',
      body: 'Alpha gracias, allí estaremos',
      translated_body: 'Alpha thanks, we will be there',
      contact_ids: expect.stringContaining(home.contactId),
    });
    const translations: Record<string, string>[] = parse(files.get('notice_translations.csv') as string, { bom: true, columns: true });
    expect(translations[0].body).toBe('Alpha, "hola", día');
    expect(files.get('README.txt')).toContain('Fixture District');

    // Once: a second download is gone, and the stored bytes are deleted.
    expect((await call('GET', `/api/v1/exports/${id}/download`)).status).toBe(410);
    await waitFor('the downloaded zip to be deleted', async () => {
      const [row] = await spec.db.txFor(a.tenantId, (m) =>
        m.query(`select purged_at, (select count(*)::int from export_chunks where export_id = $1) as chunks from exports where id = $1`, [id]),
      );
      return row.purged_at !== null && row.chunks === 0;
    });
    expect((await json('GET', `/api/v1/exports/${id}`)).body).toMatchObject({ status: 'completed', available: false, downloadedAt: expect.any(String) });
  }, 60_000);

  it('is for district admins only: 403 for other roles', async () => {
    const { body } = await json('POST', '/api/v1/exports');
    for (const role of ['school_admin', 'staff', 'liaison'] as const) {
      const { token } = await staffToken(spec.db, a, role);
      expect((await call('POST', '/api/v1/exports', token)).status).toBe(403);
      expect((await call('GET', `/api/v1/exports/${body.id}`, token)).status).toBe(403);
      expect((await call('GET', `/api/v1/exports/${body.id}/download`, token)).status).toBe(403);
    }
    const [{ n }] = await spec.db.txFor(a.tenantId, (m) => m.query(`select count(*)::int as n from exports`));
    expect(n).toBe(2);
  });

  it("answers 404 for another district's export, an unknown id and a malformed id", async () => {
    const { body } = await json('POST', '/api/v1/exports', otherTenantAdmin);
    expect((await call('GET', `/api/v1/exports/${body.id}`)).status).toBe(404);
    expect((await call('GET', `/api/v1/exports/${body.id}/download`)).status).toBe(404);
    expect((await call('GET', `/api/v1/exports/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await call('GET', `/api/v1/exports/nope/download`)).status).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const docs = (await (await fetch(`${api.base}/api/docs-json`)).json()) as OpenApiDocument;
    expect(Object.keys(docs.paths['/api/v1/exports'])).toEqual(['post']);
    expect(Object.keys(docs.paths['/api/v1/exports/{id}'])).toEqual(['get']);
    expect(docs.paths['/api/v1/exports/{id}/download'].get.responses['410']).toBeDefined();
    // The answers have the documented shape.
    const started = await json('POST', '/api/v1/exports');
    expectDocumentedKeys(docs, 'ExportStartedResponse', started.body);
    expectDocumentedKeys(docs, 'ExportResponse', (await json('GET', `/api/v1/exports/${started.body.id}`)).body);
  });
});
