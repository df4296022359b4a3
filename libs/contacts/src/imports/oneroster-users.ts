import { query } from '@porchlight/database';
import { normalizePhone } from '@porchlight/sms';
import { schoolIdsBySourceId } from '../data/roster.repository';
import { CsvRow } from './csv-reader';
import { StoredFile } from './import-files';
import { ImportRun, list } from './import-run';
import { normalizeLanguage } from './language';
import { Deletion, isToBeDeleted, sourcedIdOf, upsert } from './oneroster-files';
import { familyContactColumns } from './upsert';

const FAMILY_ROLES = new Set(['parent', 'guardian', 'relative']);
const STAFF_ROLES = new Set(['administrator', 'aide', 'proctor', 'teacher']);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Kind = 'student' | 'family' | 'staff' | 'deleted' | 'rejected';

interface Declared {
  kind: Kind;
  row: number;
  agents: string[];
  language: string | null;
}

/**
 * users.csv in two passes over the stored file. The first learns who everyone is (student,
 * family, staff), their agents and their language, so that the second can give a guardian
 * without a language of their own the language of their children before writing anyone. The
 * second validates and upserts students and family contacts in batches; then guardian–student
 * links are made from agentSourcedIds, whichever side declared them.
 */
export async function importUsers(run: ImportRun, file: StoredFile, demographics: StoredFile | undefined, deletions: Deletion[]): Promise<void> {
  const languages = demographics ? await readDemographics(run, demographics) : new Map<string, { value: string; column: string; row: number }>();
  run.report.phase = `${file.name} (reading)`;
  const people = new Map<string, Declared>();
  for await (const row of run.rows(file)) {
    const sid = row.values.sourcedid;
    if (!sid || people.has(sid)) continue;
    const role = (row.values.role ?? '').toLowerCase();
    const kind: Kind = isToBeDeleted(row) ? 'deleted' : role === 'student' ? 'student' : FAMILY_ROLES.has(role) ? 'family' : 'staff';
    people.set(sid, { kind, row: row.row, agents: list(row.values.agentsourcedids), language: languageOf(run, file, row, languages, false) });
  }

  // Children of each family member, whichever side declared the link.
  for (const [sid, person] of people) {
    if (person.kind !== 'student') continue;
    for (const agent of person.agents) {
      const guardian = people.get(agent);
      if (guardian?.kind === 'family' && !guardian.agents.includes(sid)) guardian.agents.push(sid);
    }
  }

  run.report.phase = file.name;
  const schools = await run.db.tx((m) => schoolIdsBySourceId(m, true));
  const seen = new Map<string, number>();
  const students: { row: number; sid: string; given: string; family: string; school: string; grade: string | null }[] = [];
  const contacts: { row: number; sid: string; given: string; family: string; phone: string | null; email: string | null; role: string; language: string }[] =
    [];
  const flushStudents = () =>
    run.apply(file.name, students.splice(0), (m, batch) =>
      upsert(m, run, 'students', batch, [
        { name: 'school_id', type: 'uuid', values: batch.map((i) => i.school) },
        { name: 'given_name', type: 'text', values: batch.map((i) => i.given) },
        { name: 'family_name', type: 'text', values: batch.map((i) => i.family) },
        { name: 'grade', type: 'text', values: batch.map((i) => i.grade) },
      ]),
    );
  const flushContacts = () => run.apply(file.name, contacts.splice(0), (m, batch) => upsert(m, run, 'contacts', batch, familyContactColumns(batch)));

  for await (const row of run.rows(file)) {
    run.report.read(file.name);
    const sid = sourcedIdOf(run, file.name, row, seen);
    if (!sid) continue;
    const person = people.get(sid);
    // The first pass saw every row; only a file changed under the run could miss one.
    if (!person) throw new Error(`users.csv row ${row.row.toString()} was not there on the first pass`);
    const reject = (field: string, message: string) => {
      person.kind = 'rejected';
      run.report.reject({ file: file.name, row: row.row, field, message });
    };
    if (person.kind === 'deleted') {
      deletions.push({ sid, row: row.row, file: file.name });
      continue;
    }
    const v = row.values;
    const role = (v.role ?? '').toLowerCase();
    if (STAFF_ROLES.has(role)) {
      run.report.skipped(file.name);
      continue;
    }
    if (role !== 'student' && !FAMILY_ROLES.has(role)) {
      reject('role', `role "${v.role ?? ''}" is not one of student, parent, guardian, relative, teacher, administrator, aide, proctor`);
      continue;
    }
    if (!v.givenname) {
      reject('givenName', 'givenName is required');
      continue;
    }
    if (!v.familyname) {
      reject('familyName', 'familyName is required');
      continue;
    }
    if (role === 'student') {
      const school = list(v.orgsourcedids)
        .map((org) => schools.get(org))
        .find(Boolean);
      if (!school) {
        reject('orgSourcedIds', `no known school among "${v.orgsourcedids ?? ''}"`);
        continue;
      }
      students.push({ row: row.row, sid, given: v.givenname, family: v.familyname, school, grade: list(v.grades)[0] ?? null });
      if (students.length >= 1000) await flushStudents();
      continue;
    }
    const phone = phoneOf(run, file, row);
    if (phone === false) {
      person.kind = 'rejected';
      continue;
    }
    const email = v.email || null;
    if (email && !EMAIL.test(email)) {
      reject('email', `"${email}" is not an email address`);
      continue;
    }
    languageOf(run, file, row, languages, true);
    const language = person.language ?? childLanguage(person, people) ?? run.defaultLanguage;
    contacts.push({ row: row.row, sid, given: v.givenname, family: v.familyname, phone, email, role, language });
    if (contacts.length >= 1000) await flushContacts();
  }
  await flushStudents();
  await flushContacts();
  await linkFamilies(run, file, people);
}

/** The phone to text: `sms`, else `phone` when it can take SMS. false: the row is rejected (reported). */
function phoneOf(run: ImportRun, file: StoredFile, row: CsvRow): string | null | false {
  const { sms, phone } = row.values;
  if (sms) {
    const result = normalizePhone(sms, run.country);
    if (result.ok) return result.e164;
    run.report.reject({ file: file.name, row: row.row, field: 'sms', message: `"${sms}": ${result.reason}` });
    return false;
  }
  if (!phone) return null;
  const result = normalizePhone(phone, run.country);
  if (result.ok) return result.e164;
  if (result.code === 'cannot_receive_sms') {
    run.report.warn({ file: file.name, row: row.row, field: 'phone', message: `"${phone}": ${result.reason}; imported without a phone` });
    return null;
  }
  run.report.reject({ file: file.name, row: row.row, field: 'phone', message: `"${phone}": ${result.reason}` });
  return false;
}

/** The row's home language (a configured metadata column, else demographics.csv), normalised. */
function languageOf(
  run: ImportRun,
  file: StoredFile,
  row: CsvRow,
  demographics: Map<string, { value: string; column: string; row: number }>,
  report: boolean,
): string | null {
  const column = run.options.languageColumns.find((c) => row.values[c]);
  const given = column
    ? { value: row.values[column], column, row: row.row, file: file.name }
    : { ...demographics.get(row.values.sourcedid ?? ''), file: 'demographics.csv' };
  if (!given.value) return null;
  const result = normalizeLanguage(given.value);
  if (result.ok) return result.language;
  if (report) {
    run.report.warn({
      file: given.file,
      row: given.row ?? row.row,
      field: given.column ?? '',
      message: `${result.reason}; the district's default language is used`,
    });
  }
  return null;
}

function childLanguage(person: Declared, people: Map<string, Declared>): string | null {
  for (const agent of person.agents) {
    const child = people.get(agent);
    if (child?.kind === 'student' && child.language) return child.language;
  }
  return null;
}

async function readDemographics(run: ImportRun, file: StoredFile): Promise<Map<string, { value: string; column: string; row: number }>> {
  run.report.phase = file.name;
  const found = new Map<string, { value: string; column: string; row: number }>();
  for await (const row of run.rows(file)) {
    run.report.read(file.name);
    const sid = row.values.sourcedid;
    for (const column of run.options.languageColumns) {
      const value = row.values[column];
      if (!value) continue;
      if (sid) found.set(sid, { value, column, row: row.row });
      break;
    }
  }
  return found;
}

/**
 * Guardian–student links from agentSourcedIds, declared on either side, in one transaction:
 * links are added, and links between a family member and a student both in this users.csv that
 * the file no longer declares are removed. References to nobody known are reported as warnings.
 */
async function linkFamilies(run: ImportRun, file: StoredFile, people: Map<string, Declared>): Promise<void> {
  run.report.phase = `${file.name} (links)`;
  const pairs = new Map<string, { g: string; s: string; row: number }>();
  const skip = (kind: Kind | undefined) => kind === 'staff' || kind === 'deleted' || kind === 'rejected';
  for (const [sid, person] of people) {
    if (person.kind !== 'student' && person.kind !== 'family') continue;
    for (const agent of person.agents) {
      const other = people.get(agent);
      if (skip(other?.kind) || other?.kind === person.kind) continue;
      const [g, s] = person.kind === 'family' ? [sid, agent] : [agent, sid];
      const key = `${g}\u0000${s}`;
      if (!pairs.has(key)) pairs.set(key, { g, s, row: person.row });
    }
  }
  const all = [...pairs.values()];
  const inFile = [...people].filter(([, p]) => p.kind === 'student' || p.kind === 'family').map(([sid]) => sid);
  const unresolved = await run.db.tx(async (m) => {
    await query(m, `create temporary table import_links (g text, s text, row int) on commit drop`);
    await query(m, `create temporary table import_people (sid text primary key) on commit drop`);
    for (let i = 0; i < all.length; i += 5000) {
      const slice = all.slice(i, i + 5000);
      await query(m, `insert into import_links select * from unnest($1::text[], $2::text[], $3::int[])`, [
        slice.map((p) => p.g),
        slice.map((p) => p.s),
        slice.map((p) => p.row),
      ]);
    }
    for (let i = 0; i < inFile.length; i += 5000) {
      await query(m, `insert into import_people select unnest($1::text[]) on conflict do nothing`, [inFile.slice(i, i + 5000)]);
    }
    await query(m, `create index on import_links (g, s)`);
    await query(m, `analyze import_links`);
    await query(m, `analyze import_people`);
    const missing = await query<{ row: number; g: string; s: string; no_g: boolean }>(
      m,
      `select l.row, l.g, l.s, c.id is null as no_g from import_links l
       left join contacts c on c.tenant_id = $1 and c.source_id = l.g
       left join students st on st.tenant_id = $1 and st.source_id = l.s
       where c.id is null or st.id is null`,
      [run.tenantId],
    );
    await query(
      m,
      `insert into contact_students (tenant_id, contact_id, student_id)
       select $1, c.id, st.id from import_links l
       join contacts c on c.tenant_id = $1 and c.source_id = l.g
       join students st on st.tenant_id = $1 and st.source_id = l.s
       on conflict do nothing`,
      [run.tenantId],
    );
    await query(
      m,
      `delete from contact_students cs
       using contacts c, students st
       where cs.contact_id = c.id and cs.student_id = st.id
         and c.source_id in (select sid from import_people) and st.source_id in (select sid from import_people)
         and not exists (select 1 from import_links l where l.g = c.source_id and l.s = st.source_id)`,
    );
    return missing;
  });
  for (const miss of unresolved) {
    const unknown = miss.no_g ? miss.g : miss.s;
    run.report.warn({ file: file.name, row: miss.row, field: 'agentSourcedIds', message: `unknown user "${unknown}"` });
  }
  await run.saveProgress();
}
