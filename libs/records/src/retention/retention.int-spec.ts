import { query } from '@porchlight/database';
import { ConversationsUseCases } from '@porchlight/messaging';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { SecretBox } from '@porchlight/identity';
import { TEST_SECRETS_KEY, TenantFixture, useIntegration } from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import { RetentionUseCase } from './retention.use-case';

/** A message as the specs compare it before and after a sweep. */
interface MessageRow {
  id: string;
  body: string;
  translated_body: string | null;
  translated_language: string | null;
  language: string | null;
  status: string;
  body_erased_at: Date | null;
  body_erased_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The row `id` of `rows`, which must be there. */
function byId<Row extends { id: string }>(rows: Row[], id: string): Row {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

interface Seeded {
  old: string[];
  oldReply: string;
  unsent: string;
  unprocessed: string;
  recent: string;
  noticeId: string;
}

describe('Retention: message texts past the window, uploads and exports past their use (Postgres)', () => {
  const spec = useIntegration('retention', { poolSize: 3, extraTenants: 2, redis: false });
  let a: TenantFixture;
  let b: TenantFixture;
  let c: TenantFixture;
  let seededA: Seeded;
  let seededB: Seeded;

  /** Messages 40 days old (done, unsent, unprocessed) and 10 days old, a notice, cached translations. */
  async function seed(f: TenantFixture, days: number | null, tag: string): Promise<Seeded> {
    return spec.db.txFor(f.tenantId, async (m) => {
      await m.query(`update tenants set retention_message_body_days = $2 where id = $1`, [f.tenantId, days]);
      const [notice] = await m.query(
        `insert into notices (tenant_id, body, source_language, audience, urgency, status) values ($1, $2, 'en', '{"all": true}', 'normal', 'sent') returning id`,
        [f.tenantId, `${tag} notice body`],
      );
      await m.query(`insert into notice_translations (tenant_id, notice_id, language, body, origin, status) values ($1, $2, 'es', $3, 'machine', 'ready')`, [
        f.tenantId,
        notice.id,
        `${tag} aviso`,
      ]);
      const insert = async (values: string, params: unknown[]) =>
        (
          await query<{ id: string }>(
            m,
            `insert into messages (tenant_id, notice_id, direction, kind, phone, language, body, translated_body, translated_language, status, processed_at, created_at, updated_at)
             values ${values} returning id`,
            [f.tenantId, ...params],
          )
        ).map((r) => r.id);
      const old = await insert(
        `($1, $2, 'outbound', 'notice', '+16175550181', 'es', $3, null, null, 'delivered', null, now() - interval '40 days', now() - interval '39 days'),
         ($1, $2, 'outbound', 'notice', '+16175550182', 'es', $3, null, null, 'failed', null, now() - interval '41 days', now() - interval '41 days'),
         ($1, $2, 'outbound', 'notice', '+16175550183', 'es', $3, null, null, 'undelivered', null, now() - interval '42 days', now() - interval '42 days'),
         ($1, $2, 'outbound', 'notice', '+16175550184', 'vi', $3, null, null, 'suppressed', null, now() - interval '43 days', now() - interval '43 days'),
         ($1, null, 'outbound', 'reply', '+16175550181', 'es', $4, $5, 'en', 'delivered', null, now() - interval '44 days', now() - interval '44 days')`,
        [notice.id, `${tag} texto del aviso`, `${tag} respuesta del personal`, `${tag} staff answer as written`],
      );
      const [oldReply] = await insert(
        `($1, null, 'inbound', 'inbound', '+16175550181', 'es', $2, $3, 'en', 'received', now() - interval '45 days', now() - interval '45 days', now() - interval '45 days')`,
        [`${tag} la familia escribe`, `${tag} the family writes`],
      );
      const [unsent] = await insert(
        `($1, null, 'outbound', 'reply', '+16175550185', 'es', $2, null, null, 'queued', null, now() - interval '40 days', now() - interval '40 days')`,
        [`${tag} still waiting to go`],
      );
      const [unprocessed] = await insert(
        `($1, null, 'inbound', 'inbound', '+16175550185', 'es', $2, null, null, 'received', null, now() - interval '40 days', now() - interval '40 days')`,
        [`${tag} not classified yet`],
      );
      const [recent] = await insert(
        `($1, $2, 'outbound', 'notice', '+16175550186', 'es', $3, null, null, 'delivered', null, now() - interval '10 days', now() - interval '10 days')`,
        [notice.id, `${tag} recent text`],
      );
      await m.query(
        `insert into translation_cache (tenant_id, source_language, language, text_hash, translated, provider, created_at)
         values ($1, 'es', 'en', 'old', 'the family writes', 'deepl', now() - interval '45 days'), ($1, 'es', 'en', 'new', 'recent', 'deepl', now())`,
        [f.tenantId],
      );
      return { old: [...old, oldReply], oldReply, unsent, unprocessed, recent, noticeId: notice.id };
    });
  }

  /** Imports and exports in each state that matters, each with a stored chunk. */
  async function seedFiles(f: TenantFixture): Promise<Record<string, string>> {
    return spec.db.txFor(f.tenantId, async (m) => {
      const ids: Record<string, string> = {};
      for (const [key, status, created] of [
        ['completedImport', 'completed', '1 hour'],
        ['failedImport', 'failed', '1 hour'],
        ['runningImport', 'running', '1 hour'],
        ['abandonedImport', 'queued', '8 days'],
      ] as const) {
        const [row] = await m.query(`insert into imports (tenant_id, kind, status, created_at) values ($1, 'csv', $2, now() - $3::interval) returning id`, [
          f.tenantId,
          status,
          created,
        ]);
        const [file] = await m.query(`insert into import_files (tenant_id, import_id, name, encoding) values ($1, $2, 'roster.csv', 'utf-8') returning id`, [
          f.tenantId,
          row.id,
        ]);
        await m.query(`insert into import_file_chunks (tenant_id, file_id, seq, data) values ($1, $2, 0, 'a,b')`, [f.tenantId, file.id]);
        ids[key] = row.id;
      }
      for (const [key, status, finished, downloaded] of [
        ['downloaded', 'completed', '3 days', '2 days'],
        ['downloadingNow', 'completed', '1 hour', '1 minute'],
        ['expired', 'completed', '8 days', null],
        ['waiting', 'completed', '1 day', null],
        ['failed', 'failed', '1 hour', null],
      ] as const) {
        const [row] = await m.query(
          `insert into exports (tenant_id, requested_by, status, finished_at, downloaded_at) values ($1, $2, $3, now() - $4::interval, now() - $5::interval) returning id`,
          [f.tenantId, f.adminId, status, finished, downloaded],
        );
        await m.query(`insert into export_chunks (tenant_id, export_id, seq, data) values ($1, $2, 0, 'PK')`, [f.tenantId, row.id]);
        ids[key] = row.id;
      }
      return ids;
    });
  }

  const apply = (f: TenantFixture, batchSize = 2) =>
    TenantContext.run({ tenantId: f.tenantId, correlationId: 'spec' }, () => new RetentionUseCase(spec.db, { batchSize }).applyForTenant());
  const messagesOf = (f: TenantFixture) =>
    spec.db.txFor(f.tenantId, (m) =>
      query<MessageRow>(
        m,
        `select id, body, translated_body, translated_language, language, status, body_erased_at, body_erased_by, created_at, updated_at from messages order by id`,
      ),
    );

  beforeAll(async () => {
    [a, b, c] = [spec.fixture, ...spec.tenants];
    seededA = await seed(a, 30, 'Alpha');
    seededB = await seed(b, 30, 'Bravo');
    await seed(c, null, 'Charlie');
  });

  it('blanks only texts older than the window, of messages that are done; counts, statuses, languages and times stay', async () => {
    const before = await messagesOf(a);
    const counts = await apply(a);
    expect(counts).toMatchObject({ messageBodyDays: 30, messages: { outbound: 5, inbound: 1 }, translationCache: 1 });
    const after = await messagesOf(a);
    expect(after).toHaveLength(before.length);
    for (const row of after) {
      const was = byId(before, row.id);
      // What the sweep must keep, whatever it did to the text.
      expect([row.status, row.language, row.translated_language, row.created_at, row.updated_at]).toEqual([
        was.status,
        was.language,
        was.translated_language,
        was.created_at,
        was.updated_at,
      ]);
      if (seededA.old.includes(row.id)) {
        expect(row).toMatchObject({ body: '', body_erased_by: 'retention', translated_body: was.translated_body === null ? null : '' });
        expect(row.body_erased_at).toBeInstanceOf(Date);
      } else {
        expect(row).toMatchObject({ body: was.body, translated_body: was.translated_body, body_erased_at: null, body_erased_by: null });
      }
    }
    // Unsent, unclassified and recent messages were not among them.
    expect(seededA.old).not.toContain(seededA.unsent);
    expect(byId(after, seededA.unsent).body).toBe('Alpha still waiting to go');
    expect(byId(after, seededA.unprocessed).body).toBe('Alpha not classified yet');
    expect(byId(after, seededA.recent).body).toBe('Alpha recent text');

    // The notice's own text and its translations are the district's publication: kept.
    const [notice] = await spec.db.txFor(a.tenantId, (m) =>
      m.query(`select n.body, t.body as translated from notices n join notice_translations t on t.notice_id = n.id where n.id = $1`, [seededA.noticeId]),
    );
    expect(notice).toEqual({ body: 'Alpha notice body', translated: 'Alpha aviso' });
    const cache = await spec.db.txFor(a.tenantId, (m) => m.query(`select text_hash from translation_cache order by text_hash`));
    expect(cache).toEqual([{ text_hash: 'new' }]);
  });

  it('shows staff the removed texts as removed under the retention policy, not as empty strings', async () => {
    const [conversation] = await spec.db.txFor(a.tenantId, (m) =>
      m.query(`insert into conversations (tenant_id, phone) values ($1, '+16175550181') returning id`, [a.tenantId]),
    );
    const admin = { userId: a.adminId, tenantId: a.tenantId, role: 'district_admin' as const, schoolIds: [], language: 'en' };
    const view = await TenantContext.run({ tenantId: a.tenantId }, () =>
      new ConversationsUseCases(spec.db, {} as JobProducer, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } })).show(
        admin,
        conversation.id,
      ),
    );
    const reply = view.messages.find((msg) => msg.id === seededA.oldReply);
    expect(reply).toMatchObject({
      body: null,
      language: 'es',
      translatedLanguage: 'en',
      bodyRemoved: { reason: 'retention', note: 'removed under the retention policy' },
    });
    expect(reply?.translatedBody).toBeUndefined();
    expect(view.messages.every((msg) => msg.body !== '')).toBe(true);
  });

  it('touches no other district (each runs under its own tenant), and keeps everything where there is no policy', async () => {
    // District A's run is over; B, with the same policy and texts as old, was left alone.
    const bMessages = await messagesOf(b);
    expect(bMessages.every((row) => row.body !== '' && row.body_erased_at === null)).toBe(true);
    expect(await apply(b)).toMatchObject({ messageBodyDays: 30, messages: { outbound: 5, inbound: 1 } });
    const blanked = (await messagesOf(b)).filter((row) => row.body_erased_by === 'retention').map((row) => row.id);
    expect(blanked.sort()).toEqual([...seededB.old].sort());

    const cMessages = await messagesOf(c);
    const counts = await apply(c);
    expect(counts).toMatchObject({ messageBodyDays: null, cutoff: null, messages: { outbound: 0, inbound: 0 }, translationCache: 0 });
    expect(await messagesOf(c)).toEqual(cMessages);
  });

  it('is idempotent: a second run blanks nothing more, and each run is audited with its counts', async () => {
    const before = await messagesOf(a);
    const counts = await apply(a, 5000);
    expect(counts).toMatchObject({ messages: { outbound: 0, inbound: 0 }, translationCache: 0, importFiles: 0, exports: 0 });
    expect(await messagesOf(a)).toEqual(before);
    const entries = await spec.db.txFor(a.tenantId, (m) =>
      m.query(`select actor_user_id, subject_id, data from audit_log where action = 'retention.applied' order by id`),
    );
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actor_user_id: null,
      subject_id: a.tenantId,
      data: { messageBodyDays: 30, messages: { outbound: 5, inbound: 1 }, translationCache: 1 },
    });
    expect(entries[1].data.messages).toEqual({ outbound: 0, inbound: 0 });
  });

  it('deletes stored uploads and exports past their use, whatever the policy, and keeps those still needed', async () => {
    const ids = await seedFiles(b);
    const counts = await apply(b);
    expect(counts).toMatchObject({ importFiles: 3, exports: 3 });
    const files = await spec.db.txFor(b.tenantId, (m) =>
      query<{ id: string; status: string; files: number }>(
        m,
        `select i.id, i.status, count(f.id)::int as files from imports i left join import_files f on f.import_id = i.id group by i.id, i.status`,
      ),
    );
    const importFiles = Object.fromEntries(files.map((r) => [r.id, r.files]));
    expect([ids.completedImport, ids.failedImport, ids.abandonedImport].map((id) => importFiles[id])).toEqual([0, 0, 0]);
    expect(importFiles[ids.runningImport]).toBe(1);
    expect(byId(files, ids.abandonedImport).status).toBe('failed');

    const exports = await spec.db.txFor(b.tenantId, (m) =>
      query<{ id: string; purged: boolean; chunks: number }>(
        m,
        `select e.id, e.purged_at is not null as purged, count(c.seq)::int as chunks from exports e left join export_chunks c on c.export_id = e.id group by e.id`,
      ),
    );
    const state = Object.fromEntries(exports.map((r) => [r.id, [r.purged, r.chunks]]));
    expect(state[ids.downloaded]).toEqual([true, 0]);
    expect(state[ids.expired]).toEqual([true, 0]);
    expect(state[ids.failed]).toEqual([true, 0]);
    // A download streaming right now, and a zip still waiting for its download, stay.
    expect(state[ids.downloadingNow]).toEqual([false, 1]);
    expect(state[ids.waiting]).toEqual([false, 1]);
    expect((await apply(b)).exports).toBe(0);
  });
});
