/**
 * Roster import benchmark (not a test): generates a OneRoster 1.1 bundle of 100,000 guardians and
 * 150,000 students across 40 schools, imports it through the same use-cases the API and the
 * contacts app run, imports it again (nothing changes), then resolves an `all` audience.
 * Prints rows/s, seconds and peak RSS. Runs on its own database, dropped at the end.
 *
 *   npm run bench:roster      (GUARDIANS / STUDENTS / SCHOOLS override the sizes; KEEP_DATABASE=1 keeps it)
 */
import { createDataSource, queryOne, setupDatabase, TenantDb } from '@porchlight/database';
import { audiencePhonesQuery } from '@porchlight/messaging';
import { AudienceCountsRow, audienceCountsSql, FamilyScope, ImportsUseCases, RunImportUseCase, toAudienceCounts } from '@porchlight/contacts';
import { StaffPrincipal } from '@porchlight/contracts';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { createTenantFixture, databaseUrlFor, dropDatabase, randomHex, TEST_ADMIN_URL, TEST_REDIS_URL } from '@porchlight/testing';
import IORedis from 'ioredis';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';

const GUARDIANS = Number(process.env.GUARDIANS ?? 100_000);
const STUDENTS = Number(process.env.STUDENTS ?? 150_000);
const SCHOOLS = Number(process.env.SCHOOLS ?? 40);
const CLASSES_PER_SCHOOL = 25;
const LANGUAGES = ['English', 'Spanish', 'es', 'Vietnamese', 'zh-CN', 'Haitian Creole', 'ar', 'Somali', 'Português', ''];

async function write(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\r\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

const phone = (i: number) => `(617) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`;

async function generate(dir: string): Promise<number> {
  await write(
    join(dir, 'orgs.csv'),
    (function* () {
      yield 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId';
      yield 'd,active,,Bench District,district,,';
      for (let s = 0; s < SCHOOLS; s++) yield `s${s},active,,"School ${s}, Campus ${s % 3}",school,${s},d`;
    })(),
  );
  await write(
    join(dir, 'classes.csv'),
    (function* () {
      yield 'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods';
      for (let s = 0; s < SCHOOLS; s++)
        for (let c = 0; c < CLASSES_PER_SCHOOL; c++) yield `c${s}-${c},active,,Homeroom ${c},${String(c % 12).padStart(2, '0')},,,homeroom,,s${s},,,,`;
    })(),
  );
  await write(
    join(dir, 'users.csv'),
    (function* () {
      yield 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.homeLanguage';
      for (let i = 0; i < STUDENTS; i++)
        yield `u${i},active,,true,s${i % SCHOOLS},student,,,Student${i},"Family, ${i % 5000}",,,,,,,${String(i % 12).padStart(2, '0')},,`;
      for (let g = 0; g < GUARDIANS; g++) {
        // Every student has a guardian; the first guardians have a second child (siblings, often in another school).
        const kids = [g % STUDENTS, ...(g + GUARDIANS < STUDENTS ? [g + GUARDIANS] : [])].map((k) => `u${k}`).join(',');
        yield `g${g},active,,true,s${g % SCHOOLS},${g % 7 === 0 ? 'guardian' : 'parent'},,,Parent${g},"Family, ${g % 5000}",,,,${phone(g)},,"${kids}",,,${LANGUAGES[g % LANGUAGES.length]}`;
      }
    })(),
  );
  await write(
    join(dir, 'enrollments.csv'),
    (function* () {
      yield 'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate';
      for (let i = 0; i < STUDENTS; i++) yield `e${i},active,,c${i % SCHOOLS}-${i % CLASSES_PER_SCHOOL},s${i % SCHOOLS},u${i},student,,,`;
    })(),
  );
  return 1 + SCHOOLS + SCHOOLS * CLASSES_PER_SCHOOL + STUDENTS + GUARDIANS + STUDENTS;
}

async function main(): Promise<void> {
  const database = `porchlight_bench_roster_${randomHex(3)}`;
  const url = databaseUrlFor(database);
  await setupDatabase({ databaseUrl: url, adminUrl: TEST_ADMIN_URL });
  const dataSource = await createDataSource({ url, applicationName: 'roster-bench', poolSize: 4 }).initialize();
  const db = new TenantDb(dataSource);
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = `bench-roster-${randomHex(3)}`;
  const jobs = new JobProducer(redis, prefix);
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  try {
    const fixture = await createTenantFixture(db);
    const admin: StaffPrincipal = { userId: fixture.adminId, tenantId: fixture.tenantId, role: 'district_admin', schoolIds: [], language: 'en' };
    const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: fixture.tenantId, correlationId: 'bench' }, work);

    let t = Date.now();
    const rows = await generate(dir);
    const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
    console.log(
      `generated ${rows} rows (${GUARDIANS} guardians, ${STUDENTS} students, ${SCHOOLS} schools), ${(bytes / 1048576).toFixed(1)} MiB, in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    // Baseline, same process: only parsing the same files with csv-parse, writing nothing.
    t = Date.now();
    let parsed = 0;
    for (const name of readdirSync(dir)) {
      for await (const record of createReadStream(join(dir, name)).pipe(parse({ bom: true, columns: false, relax_column_count: true }))) {
        if (record) parsed += 1;
      }
    }
    const parseRate = parsed / ((Date.now() - t) / 1000);
    console.log(`baseline: csv-parse alone read ${parsed} records at ${Math.round(parseRate)} rows/s`);

    const imports = new ImportsUseCases(db, jobs);
    const files = () => readdirSync(dir).map((name) => ({ name, open: () => createReadStream(join(dir, name)) }));
    for (const label of ['first import', 're-import (unchanged)']) {
      t = Date.now();
      const { id } = await inTenant(() => imports.start(admin, 'oneroster', files()));
      const stored = (Date.now() - t) / 1000;
      t = Date.now();
      await inTenant(() => new RunImportUseCase(db).execute(id));
      const seconds = (Date.now() - t) / 1000;
      const view = await inTenant(() => imports.get(admin, id));
      console.log(
        `${label}: ${view.status}, counts ${JSON.stringify(view.counts)}; upload stored in ${stored.toFixed(1)} s; ` +
          `import ${seconds.toFixed(1)} s, ${Math.round(rows / seconds)} rows/s (${(rows / seconds / parseRate).toFixed(2)} of the parse-only baseline); ` +
          `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
      );
      if (view.status !== 'completed' || view.counts.rejected !== 0) throw new Error(`unexpected import result: ${JSON.stringify(view).slice(0, 500)}`);
    }

    t = Date.now();
    const counts = await db.txFor(fixture.tenantId, async (m) => {
      const q = audiencePhonesQuery({ tenantId: fixture.tenantId, audience: { all: true }, defaultLanguage: 'en', scope: FamilyScope.district });
      const row = await queryOne<AudienceCountsRow>(m, audienceCountsSql(q), q.params);
      if (!row) throw new Error('the audience counts gave no row');
      return toAudienceCounts(row);
    });
    console.log(`audience "all": ${counts.total} phones ${JSON.stringify(counts.byLanguage)} in ${((Date.now() - t) / 1000).toFixed(2)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await jobs.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await dataSource.destroy();
    if (process.env.KEEP_DATABASE) console.log(`kept database ${database}`);
    else await dropDatabase(database);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
