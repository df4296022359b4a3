/**
 * Opening a large notice (not a test): a notice of 100,000 recipient phones in 20 schools, written
 * straight to Postgres, then what the portal asks the API for when a notice opens — `GET
 * /api/v1/notices/:id` (with its delivery stats and quiet-hours waits) and the first page of its
 * rows, `GET /api/v1/notices/:id/messages`, plain and `?status=failed` — over HTTP from the API
 * built in this process, for the district admin and for a school admin of 2 schools. Prints p50/p95
 * per call and the ratio to a baseline measured in the same process: one `count(*)` of the
 * notice's rows (reading each row's index entry once, nothing else). Uses the test database; the
 * district is deleted at the end.
 *
 *   npm run bench:notice-open      (RECIPIENTS overrides the size, RUNS the tries; KEEP_DISTRICT=1 keeps the data)
 */
import { setupDatabase } from '@porchlight/database';
import { addStaffUser, TEST_ADMIN_URL, TEST_DATABASE_URL } from '@porchlight/testing';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { ApiUnderTest, startApiUnderTest } from '../../apps/api/src/testing/api-under-test';

const RECIPIENTS = Number(process.env.RECIPIENTS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 20);
const SCHOOLS = 20;
const LANGUAGES = ['en', 'es', 'vi', 'zh-Hans', 'ar', 'so'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work(); // warm: plans cached, pages in memory
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * The district's families (one phone, one contact, one student each, round-robin over the
 * schools) and a fanned-out notice to all of them: mostly delivered, 3% failed, 2% undelivered,
 * 1% still with the provider, 1% waiting for quiet hours to end (statuses spread by a hash, not by school).
 */
async function seed(api: ApiUnderTest, analyze: () => Promise<unknown>): Promise<string> {
  const { tenantId, adminId } = api.fixture;
  await api.db.txFor(tenantId, async (m) => {
    await m.query(`insert into schools (tenant_id, name) select $1::uuid, 'School ' || g from generate_series(1, $2) g`, [tenantId, SCHOOLS]);
    const schools = ((await m.query(`select id from schools order by id`)) as { id: string }[]).map((s) => s.id);
    await m.query(
      `insert into students (tenant_id, school_id, given_name, family_name, grade, source_id)
       select $1::uuid, ($3::uuid[])[1 + g % ${SCHOOLS}], 'Kid', 'Bench', lpad((g % 12)::text, 2, '0'), 'st' || g from generate_series(0, $2 - 1) g`,
      [tenantId, RECIPIENTS, schools],
    );
    await m.query(
      `insert into contacts (tenant_id, phone, language, given_name, source_id)
       select $1::uuid, '+1617' || lpad(g::text, 7, '0'), ($3::text[])[1 + g % ${LANGUAGES.length}], 'P', 'g' || g from generate_series(0, $2 - 1) g`,
      [tenantId, RECIPIENTS, LANGUAGES],
    );
  });
  await analyze(); // the link below joins on source ids: a plan made without statistics would loop over every pair
  return api.db.txFor(tenantId, async (m) => {
    await m.query(
      `insert into contact_students (tenant_id, contact_id, student_id)
       select $1::uuid, c.id, s.id from contacts c join students s on s.source_id = 'st' || substr(c.source_id, 2)`,
      [tenantId],
    );
    const [notice] = (await m.query(
      `insert into notices (tenant_id, author_user_id, title, body, source_language, audience, urgency, status, send_requested_at, fanned_out_at)
       values ($1, $2, 'Bench', 'School is closed tomorrow.', 'en', '{"all":true}', 'normal', 'sending', now() - interval '1 hour', now() - interval '1 hour')
       returning id`,
      [tenantId, adminId],
    )) as { id: string }[];
    await m.query(
      `insert into messages (tenant_id, notice_id, direction, kind, phone, contact_ids, language, body, status, error_code, provider_sid, send_after, created_at)
       select $1::uuid, $2::uuid, 'outbound', 'notice', c.phone, array[c.id], c.language, 'School is closed tomorrow.', d.status,
              case when d.status in ('failed', 'undelivered') then 30003 end,
              case when d.status in ('sent', 'delivered', 'failed', 'undelivered') then 'SM' || md5(c.id::text) end,
              case when d.status = 'pending' then now() + interval '8 hours' end, now() - interval '1 hour'
       from contacts c, lateral (select case abs(hashtext(c.source_id)) % 100 when 0 then 'failed' when 1 then 'failed' when 2 then 'failed'
                                   when 3 then 'undelivered' when 4 then 'undelivered' when 5 then 'sent' when 6 then 'pending' else 'delivered' end as status) d`,
      [tenantId, notice.id],
    );
    return notice.id;
  });
}

/** The owner's connection to the test database: statistics as autovacuum would gather them, and the clean-up. */
function ownerClient(): Client {
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = new URL(TEST_DATABASE_URL).pathname;
  return new Client({ connectionString: url.toString() });
}

/** The district and everything of it, by cascade (`messages_reply_to_id` keeps each message's delete an index look-up). */
async function deleteDistrict(owner: Client, tenantId: string): Promise<void> {
  await owner.query(`delete from tenants where id = $1`, [tenantId]);
}

async function main(): Promise<void> {
  await setupDatabase({ databaseUrl: TEST_DATABASE_URL, adminUrl: TEST_ADMIN_URL });
  const api = await startApiUnderTest('bench-notice-open', { LOG_LEVEL: 'warn' });
  const owner = ownerClient();
  await owner.connect();
  try {
    let t = Date.now();
    const analyze = () => owner.query('analyze schools, students, contacts, contact_students, notices, messages');
    const noticeId = await seed(api, analyze);
    await analyze();
    console.log(`seeded a notice of ${String(RECIPIENTS)} recipients in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const schoolIds = (await api.db.txFor(api.fixture.tenantId, (m) => m.query(`select id from schools order by id limit 2`))) as { id: string }[];
    const schoolAdmin = await addStaffUser(api.db, api.fixture.tenantId, { role: 'school_admin', schoolIds: schoolIds.map((s) => s.id) });
    const tokens = { 'district admin': await api.token(), 'school admin of 2 schools': await api.token('school_admin', schoolAdmin) };
    const get = async (token: string, path: string): Promise<unknown> => {
      const response = await fetch(`${api.base}/api/v1/notices/${noticeId}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`${path || '/'} answered ${String(response.status)}`);
      return response.json();
    };

    // What the calls answer, so the figures are of real work.
    for (const [who, token] of Object.entries(tokens)) {
      const notice = (await get(token, '')) as { status: string; stats: { total: number; delivered: number; failed: number }; quietHours: { waiting: number } };
      const page = (await get(token, '/messages')) as { items: { phone: string }[]; nextCursor: string | null };
      const failed = (await get(token, '/messages?status=failed')) as { items: { status: string }[] };
      console.log(
        `${who}: status ${notice.status}, ${String(notice.stats.total)} rows (${String(notice.stats.delivered)} delivered, ${String(notice.stats.failed)} failed), ` +
          `${String(notice.quietHours.waiting)} waiting; first page ${String(page.items.length)} rows from ${page.items[0]?.phone ?? '-'}; ` +
          `failed page ${String(failed.items.length)} rows, all failed: ${String(failed.items.every((r) => r.status === 'failed'))}`,
      );
    }

    const baseline = await timed(RUNS, () =>
      api.db.txFor(api.fixture.tenantId, (m) => m.query(`select count(*) from messages where notice_id = $1`, [noticeId])),
    );
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (2 cores)`,
    );
    console.log(`baseline (count(*) of the notice's rows): p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms`);
    for (const [who, token] of Object.entries(tokens)) {
      for (const [label, path] of [
        ['GET /notices/:id', ''],
        ['GET /notices/:id/messages', '/messages'],
        ['GET /notices/:id/messages?status=failed', '/messages?status=failed'],
      ]) {
        t = Date.now();
        const r = await timed(RUNS, () => get(token, path));
        console.log(`${who}, ${label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${(r.p50 / baseline.p50).toFixed(1)}× the baseline)`);
      }
    }
  } finally {
    if (process.env.KEEP_DISTRICT) console.log(`kept district ${api.fixture.tenantId}`);
    else await deleteDistrict(owner, api.fixture.tenantId).catch((error: unknown) => console.error('could not delete the benchmark district', error));
    await owner.end();
    await api.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
