import { StoredFile } from './import-files';
import { DATE, ImportRun } from './import-run';
import { importClasses, importCourses, importEnrollments } from './oneroster-classes';
import { applyDeletions } from './oneroster-deletions';
import { Deletions, eachRecord, ONEROSTER_FILES, upsert } from './oneroster-files';
import { importUsers } from './oneroster-users';

const isOneRosterFile = (name: string) => (ONEROSTER_FILES as readonly string[]).includes(name);

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
    if (!isOneRosterFile(name)) {
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
    } else if ((mode === 'bulk' || mode === 'delta') && !files.has(name) && isOneRosterFile(name)) {
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
      if (type !== 'school' && type !== 'district') {
        run.report.skipped(file.name);
        return null;
      }
      const name = row.values.name;
      if (!name) {
        run.report.reject({ file: file.name, row: row.row, field: 'name', message: 'name is required' });
        return null;
      }
      return { row: row.row, sid, name, kind: type };
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
      const reject = (field: string, message: string): null => {
        run.report.reject({ file: file.name, row: row.row, field, message });
        return null;
      };
      const { title, type } = v;
      if (!title) return reject('title', 'title is required');
      if (!type) return reject('type', 'type is required');
      for (const field of ['startdate', 'enddate'] as const) {
        const date = v[field];
        if (date && !DATE.test(date)) return reject(field === 'startdate' ? 'startDate' : 'endDate', 'not a date (YYYY-MM-DD)');
      }
      return {
        row: row.row,
        sid,
        title,
        type: type.toLowerCase(),
        start: v.startdate || null,
        end: v.enddate || null,
        parent: v.parentsourcedid || null,
        year: v.schoolyear || null,
      };
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
