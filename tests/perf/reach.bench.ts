/**
 * Reach report benchmark (not a test): a district of 150,000 students in 40 schools and 100,000
 * guardians' phones (50,000 of them with two children, 10,000 shared by a second guardian), with
 * 1,000,000 messages over the past year — delivered and failed notices, replies and keywords —
 * then `GET /api/v1/reports/reach` as the use-case the API runs, by each grouping, for the
 * district admin and for a school admin. Prints p50/p95 latency and the ratio to a baseline
 * measured in the same process: counting the window's reached phones, the least any reach figure
 * must read. Runs on its own database, dropped at the end.
 *
 *   npm run bench:reach      (STUDENTS / MESSAGES / RUNS override the sizes; KEEP_DATABASE=1 keeps the database,
 *                             REUSE_DATABASE=<name> measures a kept one again without generating)
 */
import { StaffPrincipal } from '@porchlight/contracts';
import { createDataSource, HEAVY_READ_SETTINGS_SQL, setupDatabase, TenantDb } from '@porchlight/database';
import { REACH_GROUPINGS, ReachGrouping, ReachReportUseCase, reachStatement, reachWindow } from '@porchlight/engagement';
import { FamilyScope } from '@porchlight/contacts';
import { TenantContext } from '@porchlight/tenancy';
import { addStaffUser, createTenantFixture, databaseUrlFor, dropDatabase, randomHex, TEST_ADMIN_URL } from '@porchlight/testing';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';

const STUDENTS = Number(process.env.STUDENTS ?? 150_000);
const MESSAGES = Number(process.env.MESSAGES ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 10);
const SCHOOLS = 40;
const GUARDIANS = Math.round((STUDENTS * 2) / 3);
const LANGUAGES = ['en', 'es', 'vi', 'zh-Hans', 'ar', 'so', 'ht', 'pt'];

/** The district's roster and messages; `analyze` refreshes the planner's statistics between steps, as autovacuum would. */
async function generate(db: TenantDb, tenantId: string, analyze: () => Promise<void>): Promise<void> {
  await db.txFor(tenantId, async (m) => {
    await m.query(`insert into schools (tenant_id, name) select $1::uuid, 'School ' || g from generate_series(1, $2) g`, [tenantId, SCHOOLS]);
    const schools: { id: string }[] = await m.query(`select id from schools order by id`);
    await m.query(
      `insert into students (tenant_id, school_id, given_name, family_name, grade, source_id)
       select $1::uuid, ($3::uuid[])[1 + g % cardinality($3::uuid[])], 'Kid', 'Bench', lpad((g % 12)::text, 2, '0'), 'st' || g
       from generate_series(0, $2 - 1) g`,
      [tenantId, STUDENTS, schools.map((school) => school.id)],
    );
  });
  await db.txFor(tenantId, async (m) => {
    // Guardian g has child g and, for the first half, child g + GUARDIANS; every 10th phone has a second guardian; 1% have no phone.
    await m.query(
      `insert into contacts (tenant_id, phone, language, role, given_name, source_id)
       select $1::uuid, case when g % 100 = 7 then null else '+1617' || lpad(g::text, 7, '0') end, ($3::text[])[1 + g % cardinality($3::text[])],
              case when g % 7 = 0 then 'guardian' else 'parent' end, 'P', 'g' || g
       from generate_series(0, $2 - 1) g
       union all
       select $1::uuid, '+1617' || lpad(g::text, 7, '0'), ($3::text[])[1 + (g + 1) % cardinality($3::text[])], 'relative', 'Q', 'h' || g
       from generate_series(0, $2 - 1, 10) g`,
      [tenantId, GUARDIANS, LANGUAGES],
    );
  });
  await analyze();
  await db.txFor(tenantId, async (m) => {
    await m.query(
      `insert into contact_students (tenant_id, contact_id, student_id)
       select $1::uuid, c.id, s.id from contacts c join students s on s.source_id = 'st' || substr(c.source_id, 2)`,
      [tenantId],
    );
    await m.query(
      `insert into contact_students (tenant_id, contact_id, student_id)
       select $1::uuid, c.id, s.id from contacts c join students s on s.source_id = 'st' || (substr(c.source_id, 2)::int + $2)
       where c.source_id like 'g%' and substr(c.source_id, 2)::int + $2 < $3`,
      [tenantId, GUARDIANS, STUDENTS],
    );
    // 1% of phones opted out.
    await m.query(
      `insert into phones (tenant_id, phone, opted_out_at) select $1::uuid, phone, now() from contacts where source_id like 'g%' and substr(source_id, 2)::int % 100 = 3`,
      [tenantId],
    );
  });
  // Messages over the past 365 days, in chunks so no one statement holds everything.
  const chunk = 200_000;
  for (let start = 0; start < MESSAGES; start += chunk) {
    await db.txFor(tenantId, (m) =>
      m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, intent, processed_at, created_at, updated_at)
         select $1::uuid, d.direction, d.kind, '+1617' || lpad((((i * 2654435761) % 4294967296) % $4)::text, 7, '0'), 'x', d.status, d.intent,
                case when d.direction = 'inbound' then d.at end, d.at, d.at
         from generate_series($2::bigint, $3::bigint - 1) i,
         lateral (select case when i % 5 = 0 then 'inbound' else 'outbound' end as direction,
                         case when i % 5 = 0 then 'inbound' else 'notice' end as kind,
                         case when i % 5 = 0 then 'received' when i % 11 = 0 then 'failed' when i % 13 = 0 then 'undelivered' else 'delivered' end as status,
                         case when i % 5 <> 0 then null when i % 3 = 0 then 'keyword' else 'reply' end as intent,
                         now() - make_interval(secs => (i * 104729) % (365 * 86400)) as at) d`,
        [tenantId, start, Math.min(MESSAGES, start + chunk), GUARDIANS],
      ),
    );
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** A new benchmark district (and a second one, so the indexes hold more than one tenant). */
async function build(db: TenantDb, database: string): Promise<{ tenantId: string; adminId: string }> {
  const fixture = await createTenantFixture(db);
  const other = await createTenantFixture(db);
  const admin = new Client({ connectionString: adminUrlFor(database) });
  await admin.connect();
  try {
    const analyze = async () => void (await admin.query('vacuum analyze'));
    const t = Date.now();
    await generate(db, fixture.tenantId, analyze);
    await db.txFor(other.tenantId, (m) =>
      m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, created_at) select $1::uuid, 'outbound', 'notice', '+1617' || lpad(i::text, 7, '0'), 'x', 'delivered', now() - make_interval(secs => i % 7776000) from generate_series(0, 99999) i`,
        [other.tenantId],
      ),
    );
    await analyze();
    console.log(
      `generated ${STUDENTS} students, ${GUARDIANS} phones, ${MESSAGES} messages (+100,000 of another district) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  } finally {
    await admin.end();
  }
  return fixture;
}

/** The district of a database kept by an earlier run (`REUSE_DATABASE`): the one with students. */
async function find(db: TenantDb): Promise<{ tenantId: string; adminId: string }> {
  for (const { tenant_id } of await db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory`)) {
    const [row] = await db.txFor(tenant_id, (m) =>
      m.query(`select (select count(*) from students)::int as students, (select id from users where role = 'district_admin' limit 1) as admin`),
    );
    if (row.students > 0) return { tenantId: tenant_id, adminId: row.admin };
  }
  throw new Error('no district with students in that database');
}

async function main(): Promise<void> {
  const reuse = process.env.REUSE_DATABASE;
  const database = reuse ?? `porchlight_bench_reach_${randomHex(3)}`;
  const url = databaseUrlFor(database);
  if (!reuse) await setupDatabase({ databaseUrl: url, adminUrl: TEST_ADMIN_URL });
  const dataSource = await createDataSource({ url, applicationName: 'reach-bench', poolSize: 2 }).initialize();
  const db = new TenantDb(dataSource);
  try {
    const fixture = reuse ? await find(db) : await build(db, database);
    const principal: StaffPrincipal = { userId: fixture.adminId, tenantId: fixture.tenantId, role: 'district_admin', schoolIds: [], language: 'en' };
    const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: fixture.tenantId, correlationId: 'bench' }, work);
    const reach = new ReachReportUseCase(db);

    const BASELINE_SQL = `select count(distinct phone) from messages where direction = 'outbound' and status = 'delivered' and created_at >= now() - interval '90 days'`;
    const baseline = await timed(RUNS, () => db.txFor(fixture.tenantId, (m) => m.query(BASELINE_SQL)));
    const cpu = await backendCpu(url, fixture.tenantId);
    const baselineCpu = await cpu.median(BASELINE_SQL, []);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (2 cores)`,
    );
    console.log(
      `baseline (distinct reached phones, 90 days): p50 ${baseline.p50.toFixed(0)} ms, p95 ${baseline.p95.toFixed(0)} ms; Postgres CPU ${baselineCpu} ms`,
    );
    const report = async (label: string, by: ReachGrouping, days: number, run: () => Promise<unknown>) => {
      const r = await timed(RUNS, run);
      const now = new Date();
      const { sql, params } = reachStatement(by, reachWindow({ from: new Date(now.getTime() - days * 86_400_000).toISOString() }, now), FamilyScope.district);
      const used = await cpu.median(sql, params, HEAVY_READ_SETTINGS_SQL);
      console.log(
        `${label}: p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms (${(r.p50 / baseline.p50).toFixed(1)}× the baseline); ` +
          `Postgres CPU ${used} ms (${(used / Math.max(1, baselineCpu)).toFixed(1)}×)`,
      );
    };

    const sample = await inTenant(() => reach.execute(principal, { by: 'language' }));
    const d = sample.district;
    console.log(
      `district, last 90 days: ${d.students} students, ${d.studentsReached} reached, ${d.studentsHeard} heard, ${d.optedOut} opted out, ` +
        `${d.noReachablePhone} without a reachable phone; ${sample.groups.filter((g) => g.underHeard).length} groups under-heard`,
    );
    for (const by of REACH_GROUPINGS) await report(`by=${by} (90 days, ${RUNS} runs)`, by, 90, () => inTenant(() => reach.execute(principal, { by })));
    const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString();
    await report('by=school (365 days)', 'school', 365, () => inTenant(() => reach.execute(principal, { by: 'school', from: yearAgo() })));
    await cpu.close();

    const schoolIds = (await db.txFor(fixture.tenantId, (m) => m.query(`select id from schools order by id limit 2`))).map((r: { id: string }) => r.id);
    const schoolAdmin = await addStaffUser(db, fixture.tenantId, { role: 'school_admin', schoolIds });
    const scoped: StaffPrincipal = { userId: schoolAdmin, tenantId: fixture.tenantId, role: 'school_admin', schoolIds, language: 'en' };
    const s = await timed(RUNS, () => inTenant(() => reach.execute(scoped, { by: 'grade' })));
    console.log(
      `school admin of 2 schools, by=grade: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, ${(s.p50 / baseline.p50).toFixed(1)}× the baseline`,
    );
  } finally {
    await dataSource.destroy();
    if (process.env.KEEP_DATABASE || reuse) console.log(`kept database ${database}`);
    else await dropDatabase(database);
  }
}

/**
 * CPU time the Postgres backend spends on a statement (from /proc: the database runs on this
 * machine), which other work on the machine disturbs far less than wall time. Median of three.
 */
async function backendCpu(
  url: string,
  tenantId: string,
): Promise<{ median(sql: string, params: unknown[], settingsSql?: string): Promise<number>; close(): Promise<void> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const [{ pid }] = (await client.query('select pg_backend_pid() as pid')).rows;
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  return {
    async median(sql, params, settingsSql) {
      const used: number[] = [];
      for (let i = 0; i < 3; i++) {
        await client.query('begin');
        await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
        if (settingsSql) await client.query(settingsSql);
        const before = ticks();
        await client.query(sql, params);
        used.push(ticks() - before);
        await client.query('commit');
      }
      return used.sort((a, b) => a - b)[1];
    },
    close: () => client.end(),
  };
}

/** The owner's URL on the benchmark's database (VACUUM ANALYZE needs the tables' owner, as autovacuum would run it). */
function adminUrlFor(database: string): string {
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
