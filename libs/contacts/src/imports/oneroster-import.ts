import { rows } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { CsvRow } from './csv-reader';
import { StoredFile } from './import-files';
import { BatchRejection, DATE, ImportRun, inBatches, list } from './import-run';
import { importUsers } from './oneroster-users';
import { upsertBySourceId, UpsertColumn } from './upsert';

/** The OneRoster 1.1 CSV files Porchlight reads, lower-cased; others in a bundle are ignored. */
export const ONEROSTER_FILES = [
  'manifest.csv',
  'orgs.csv',
  'academicsessions.csv',
  'courses.csv',
  'classes.csv',
  'users.csv',
  'demographics.csv',
  'enrollments.csv',
] as const;

type Deletions = Record<'schools' | 'academic_sessions' | 'courses' | 'sections' | 'enrollments' | 'users', { sid: string; row: number; file: string }[]>;

/** A row's sourcedId, or the reason it has none usable; tracks duplicates within a file. */
export function sourcedIdOf(run: ImportRun, file: string, row: CsvRow, seen: Map<string, number>): string | undefined {
  const sid = row.values.sourcedid;
  if (!sid) {
    run.report.reject({ file, row: row.row, field: 'sourcedId', message: 'sourcedId is required' });
    return undefined;
  }
  const first = seen.get(sid);
  if (first !== undefined) {
    run.report.reject({ file, row: row.row, field: 'sourcedId', message: `sourcedId "${sid}" already appears on row ${first}` });
    return undefined;
  }
  seen.set(sid, row.row);
  return sid;
}

export const isToBeDeleted = (row: CsvRow) => row.values.status?.toLowerCase() === 'tobedeleted';

/**
 * The rows of one bundle file, in batches, each counted as read: a row without a usable sourcedId
 * (missing, or repeated in the file) is rejected, a `tobedeleted` one set aside for the end, and
 * the rest handed to `accept` with their sourcedId.
 */
async function eachRecord<T>(
  run: ImportRun,
  file: StoredFile,
  deletions: Deletions[keyof Deletions],
  accept: (row: CsvRow, sid: string) => T | undefined,
  flush: (items: T[]) => Promise<void>,
): Promise<void> {
  run.report.phase = file.name;
  const seen = new Map<string, number>();
  await inBatches(
    run.rows(file),
    (row) => {
      run.report.read(file.name);
      const sid = sourcedIdOf(run, file.name, row, seen);
      if (!sid) return undefined;
      if (isToBeDeleted(row)) return void deletions.push({ sid, row: row.row, file: file.name });
      return accept(row, sid);
    },
    flush,
  );
}

/**
 * Imports a OneRoster 1.1 CSV bundle, file by file in dependency order: orgs, academic sessions,
 * courses, classes, then users (students and family contacts, linked both ways through
 * agentSourcedIds), then student enrollments; records marked `tobedeleted` go last, dependents
 * first. A manifest.csv, when present, says which files to read (`absent` ones are ignored).
 */
export async function importOneRoster(run: ImportRun): Promise<void> {
  const files = new Map(run.files);
  const deletions: Deletions = { schools: [], academic_sessions: [], courses: [], sections: [], enrollments: [], users: [] };
  for (const name of files.keys()) {
    if (!(ONEROSTER_FILES as readonly string[]).includes(name)) {
      run.report.warn({ file: name, row: 0, field: '', message: 'not a OneRoster file Porchlight reads; ignored' });
      files.delete(name);
    }
  }
  const manifest = files.get('manifest.csv');
  if (manifest) await readManifest(run, manifest, files);

  const orgs = files.get('orgs.csv');
  if (orgs) await importOrgs(run, orgs, deletions);
  const sessions = files.get('academicsessions.csv');
  if (sessions) await importSessions(run, sessions, deletions);
  const courses = files.get('courses.csv');
  if (courses) await importCourses(run, courses, deletions);
  const classes = files.get('classes.csv');
  if (classes) await importClasses(run, classes, deletions);
  const users = files.get('users.csv');
  if (users) await importUsers(run, users, files.get('demographics.csv'), deletions.users);
  const enrollments = files.get('enrollments.csv');
  if (enrollments) await importEnrollments(run, enrollments, deletions);
  await applyDeletions(run, deletions);
}

async function readManifest(run: ImportRun, manifest: StoredFile, files: Map<string, StoredFile>): Promise<void> {
  run.report.phase = manifest.name;
  const declared = new Map<string, { mode: string; row: number }>();
  for await (const row of run.rows(manifest)) {
    run.report.read(manifest.name);
    const property = (row.values.propertyname ?? '').toLowerCase();
    const value = (row.values.value ?? '').toLowerCase();
    if (property.startsWith('file.')) declared.set(`${property.slice(5)}.csv`, { mode: value, row: row.row });
    if (property === 'oneroster.version' && value && value !== '1.1') {
      run.report.warn({ file: manifest.name, row: row.row, field: 'value', message: `OneRoster version ${value}; Porchlight reads 1.1` });
    }
  }
  for (const [name, { mode, row }] of declared) {
    if (mode === 'absent' && files.has(name)) {
      run.report.warn({ file: name, row: 0, field: '', message: 'manifest.csv declares this file absent; ignored' });
      files.delete(name);
    } else if ((mode === 'bulk' || mode === 'delta') && !files.has(name) && (ONEROSTER_FILES as readonly string[]).includes(name)) {
      run.report.warn({ file: manifest.name, row, field: 'value', message: `manifest.csv lists ${name} (${mode}) but the bundle does not contain it` });
    }
  }
}

async function importOrgs(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  await eachRecord(
    run,
    file,
    deletions.schools,
    (row, sid) => {
      const type = (row.values.type ?? '').toLowerCase();
      if (type !== 'school' && type !== 'district') return void run.report.skipped(file.name);
      if (!row.values.name) return void run.report.reject({ file: file.name, row: row.row, field: 'name', message: 'name is required' });
      return { row: row.row, sid, name: row.values.name, kind: type };
    },
    (items) =>
      run.apply(file.name, items, (m, batch) =>
        upsert(m, run, 'schools', batch, [
          { name: 'name', type: 'text', values: batch.map((i) => i.name) },
          { name: 'kind', type: 'text', values: batch.map((i) => i.kind) },
        ]),
      ),
  );
}

async function importSessions(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  await eachRecord(
    run,
    file,
    deletions.academic_sessions,
    (row, sid) => {
      const v = row.values;
      const reject = (field: string, message: string) => void run.report.reject({ file: file.name, row: row.row, field, message });
      if (!v.title) return reject('title', 'title is required');
      if (!v.type) return reject('type', 'type is required');
      for (const field of ['startdate', 'enddate'] as const) {
        if (v[field] && !DATE.test(v[field])) return reject(field === 'startdate' ? 'startDate' : 'endDate', 'not a date (YYYY-MM-DD)');
      }
      return { row: row.row, sid, title: v.title, type: v.type.toLowerCase(), start: v.startdate || null, end: v.enddate || null, parent: v.parentsourcedid || null, year: v.schoolyear || null };
    },
    (items) =>
      run.apply(file.name, items, (m, batch) =>
        upsert(m, run, 'academic_sessions', batch, [
          { name: 'title', type: 'text', values: batch.map((i) => i.title) },
          { name: 'type', type: 'text', values: batch.map((i) => i.type) },
          { name: 'start_date', type: 'date', values: batch.map((i) => i.start) },
          { name: 'end_date', type: 'date', values: batch.map((i) => i.end) },
          { name: 'parent_source_id', type: 'text', values: batch.map((i) => i.parent) },
          { name: 'school_year', type: 'text', values: batch.map((i) => i.year) },
        ]),
      ),
  );
}

async function idsBySourceId(run: ImportRun, table: string, where = 'true'): Promise<Map<string, string>> {
  const found = await run.db.tx((m) => m.query(`select source_id, id from ${table} where source_id is not null and ${where}`));
  return new Map(found.map((r: { source_id: string; id: string }) => [r.source_id, r.id]));
}

async function importCourses(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  const schools = await idsBySourceId(run, 'schools');
  await eachRecord(
    run,
    file,
    deletions.courses,
    (row, sid) => {
      const v = row.values;
      if (!v.title) return void run.report.reject({ file: file.name, row: row.row, field: 'title', message: 'title is required' });
      const org = v.orgsourcedid;
      if (org && !schools.has(org)) run.report.warn({ file: file.name, row: row.row, field: 'orgSourcedId', message: `unknown org "${org}"` });
      return { row: row.row, sid, title: v.title, code: v.coursecode || null, school: (org && schools.get(org)) || null };
    },
    (items) =>
      run.apply(file.name, items, (m, batch) =>
        upsert(m, run, 'courses', batch, [
          { name: 'title', type: 'text', values: batch.map((i) => i.title) },
          { name: 'course_code', type: 'text', values: batch.map((i) => i.code) },
          { name: 'school_id', type: 'uuid', values: batch.map((i) => i.school) },
        ]),
      ),
  );
}

async function importClasses(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  const schools = await idsBySourceId(run, 'schools', `kind = 'school'`);
  const courses = await idsBySourceId(run, 'courses');
  const sessions = await idsBySourceId(run, 'academic_sessions');
  await eachRecord(
    run,
    file,
    deletions.sections,
    (row, sid) => {
      const v = row.values;
      const at = { file: file.name, row: row.row };
      if (!v.title) return void run.report.reject({ ...at, field: 'title', message: 'title is required' });
      const school = schools.get(v.schoolsourcedid);
      if (!school) return void run.report.reject({ ...at, field: 'schoolSourcedId', message: `unknown school "${v.schoolsourcedid ?? ''}"` });
      const course = v.coursesourcedid ? courses.get(v.coursesourcedid) : undefined;
      if (v.coursesourcedid && !course) run.report.warn({ ...at, field: 'courseSourcedId', message: `unknown course "${v.coursesourcedid}"` });
      const terms: string[] = [];
      for (const term of list(v.termsourcedids)) {
        const id = sessions.get(term);
        if (id) terms.push(id);
        else run.report.warn({ ...at, field: 'termSourcedIds', message: `unknown academic session "${term}"` });
      }
      return { ...at, sid, title: v.title, code: v.classcode || null, school, course: course ?? null, grades: list(v.grades).join(','), terms: terms.join(',') };
    },
    (items) =>
      run.apply(file.name, items, (m, batch) =>
        upsert(m, run, 'sections', batch, [
          { name: 'title', type: 'text', values: batch.map((i) => i.title) },
          { name: 'class_code', type: 'text', values: batch.map((i) => i.code) },
          { name: 'school_id', type: 'uuid', values: batch.map((i) => i.school) },
          { name: 'course_id', type: 'uuid', values: batch.map((i) => i.course) },
          { name: 'grades', type: 'text', values: batch.map((i) => i.grades), select: `coalesce(string_to_array(nullif(x.grades, ''), ','), '{}')` },
          { name: 'session_ids', type: 'text', values: batch.map((i) => i.terms), select: `coalesce(string_to_array(nullif(x.session_ids, ''), ',')::uuid[], '{}')` },
        ]),
      ),
  );
}

async function importEnrollments(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  await eachRecord(
    run,
    file,
    deletions.enrollments,
    (row, sid) => {
      const v = row.values;
      // Porchlight keeps no staff, so only students' enrollments matter.
      if ((v.role ?? '').toLowerCase() !== 'student') return void run.report.skipped(file.name);
      for (const field of ['begindate', 'enddate'] as const) {
        if (v[field] && !DATE.test(v[field])) {
          return void run.report.reject({ file: file.name, row: row.row, field: field === 'begindate' ? 'beginDate' : 'endDate', message: 'not a date (YYYY-MM-DD)' });
        }
      }
      return { row: row.row, sid, section: v.classsourcedid ?? '', student: v.usersourcedid ?? '', begin: v.begindate || null, end: v.enddate || null };
    },
    (items) =>
      run.apply(file.name, items, async (m, batch) => {
        const resolved = await rows<{ ord: string; section_id: string | null; student_id: string | null }>(
          m,
          `select x.ord, s.id as section_id, st.id as student_id
           from unnest($2::text[], $3::text[]) with ordinality as x(section, student, ord)
           left join sections s on s.tenant_id = $1 and s.source_id = x.section
           left join students st on st.tenant_id = $1 and st.source_id = x.student`,
          [run.tenantId, batch.map((i) => i.section), batch.map((i) => i.student)],
        );
        const rejections: BatchRejection[] = [];
        const ok: (typeof batch[number] & { sectionId: string; studentId: string })[] = [];
        for (const r of resolved) {
          const item = batch[Number(r.ord) - 1];
          if (!r.section_id) rejections.push({ row: item.row, field: 'classSourcedId', message: `unknown class "${item.section}"` });
          else if (!r.student_id) rejections.push({ row: item.row, field: 'userSourcedId', message: `unknown student "${item.student}"` });
          else ok.push({ ...item, sectionId: r.section_id, studentId: r.student_id });
        }
        const counts = await upsert(m, run, 'enrollments', ok, [
          { name: 'section_id', type: 'uuid', values: ok.map((i) => i.sectionId) },
          { name: 'student_id', type: 'uuid', values: ok.map((i) => i.studentId) },
          { name: 'begin_date', type: 'date', values: ok.map((i) => i.begin) },
          { name: 'end_date', type: 'date', values: ok.map((i) => i.end) },
        ]);
        return { ...counts, rejections };
      }),
  );
}

export function upsert(m: EntityManager, run: ImportRun, table: string, batch: { sid: string }[], columns: UpsertColumn[]) {
  if (batch.length === 0) return Promise.resolve({ created: 0, updated: 0, unchanged: 0 });
  return upsertBySourceId(m, run.tenantId, table, batch.map((i) => i.sid), columns);
}

/** Records marked `tobedeleted`, removed after everything else, dependents first. */
async function applyDeletions(run: ImportRun, deletions: Deletions): Promise<void> {
  run.report.phase = 'deletions';
  const order: [keyof Deletions, string][] = [
    ['enrollments', 'enrollments'],
    ['users', 'students'],
    ['sections', 'sections'],
    ['courses', 'courses'],
    ['academic_sessions', 'academic_sessions'],
    ['schools', 'schools'],
  ];
  for (const [key, table] of order) {
    const items = deletions[key];
    for (let i = 0; i < items.length; i += 1000) {
      const slice = items.slice(i, i + 1000);
      const byFile = slice[0].file;
      await run.apply(byFile, slice, async (m, batch) => {
        const sids = batch.map((d) => d.sid);
        let deleted = (await rows(m, `delete from ${table} where tenant_id = $1 and source_id = any($2::text[]) returning id`, [run.tenantId, sids])).length;
        if (key === 'users') {
          // A family member leaves no name, phone or link behind; the anonymous row keeps counts true.
          const erased = await rows<{ id: string }>(
            m,
            `update contacts set given_name = null, family_name = null, phone = null, email = null, source_id = null,
               erased_at = now(), updated_at = now()
             where tenant_id = $1 and source_id = any($2::text[]) returning id`,
            [run.tenantId, sids],
          );
          await m.query(`delete from contact_students where contact_id = any($1::uuid[])`, [erased.map((r) => r.id)]);
          deleted += erased.length;
        }
        return { deleted, unchanged: batch.length - deleted };
      });
    }
  }
}
