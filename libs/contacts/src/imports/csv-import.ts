import { DomainError } from '@porchlight/contracts';
import { query } from '@porchlight/database';
import { normalizePhone } from '@porchlight/sms';
import { SchoolEntity } from '../data/school.entity';
import { CsvRow } from './csv-reader';
import { ImportRun, inBatches } from './import-run';
import { normalizeLanguage } from './language';
import { familyContactColumns, upsertBySourceId } from './upsert';

/** Header names a plain roster CSV may use for each field, compared without case, spaces or punctuation. */
export const CSV_HEADERS = {
  studentId: ['student id', 'studentid', 'student number', 'student no', 'student sis id', 'sis id', 'student sourcedid', 'local id', 'student local id', 'id'],
  studentName: ['student name', 'student', 'student full name', 'name of student'],
  studentGivenName: ['student first name', 'student given name', 'first name'],
  studentFamilyName: ['student last name', 'student family name', 'student surname', 'last name'],
  school: ['school', 'school name', 'school id', 'building', 'campus', 'site'],
  grade: ['grade', 'grade level', 'gr', 'student grade'],
  guardianName: ['guardian name', 'guardian', 'parent name', 'parent', 'contact name', 'parent guardian name', 'parent/guardian name', 'family member'],
  guardianGivenName: ['guardian first name', 'parent first name', 'contact first name'],
  guardianFamilyName: ['guardian last name', 'parent last name', 'contact last name'],
  phone: ['phone', 'guardian phone', 'parent phone', 'mobile', 'mobile phone', 'cell', 'cell phone', 'sms', 'phone number', 'contact phone', 'guardian mobile'],
  email: ['email', 'guardian email', 'parent email', 'contact email', 'e-mail'],
  language: ['language', 'home language', 'preferred language', 'guardian language', 'parent language', 'primary language', 'contact language'],
  relationship: ['relationship', 'relation', 'relationship to student', 'role', 'guardian relationship', 'contact type', 'guardian type'],
} as const;

type Field = keyof typeof CSV_HEADERS;

/** The file's header for each field it has; the fields every row needs are always there. */
type Columns = Partial<Record<Field, string>> & Record<'studentId' | 'school' | 'phone', string> & { studentNameAt: string };

const squash = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const RELATIONSHIPS: [RegExp, 'parent' | 'guardian' | 'relative'][] = [
  [/^(parent|mother|father|mom|mum|dad|step ?(mother|father|parent)|madre|padre)$/i, 'parent'],
  [/^(guardian|legal guardian|foster( parent)?|custodian|tutor|tutora)$/i, 'guardian'],
];

export function relationshipRole(value: string): 'parent' | 'guardian' | 'relative' {
  if (!value) return 'guardian';
  for (const [pattern, role] of RELATIONSHIPS) if (pattern.test(value.trim())) return role;
  return 'relative';
}

/** "Last, First" or "First Middle Last" → [given, family]. */
export function splitName(name: string): [string, string] {
  const comma = name.indexOf(',');
  if (comma >= 0) return [name.slice(comma + 1).trim(), name.slice(0, comma).trim()];
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return [parts[0], ''];
  return [parts.slice(0, -1).join(' '), parts[parts.length - 1]];
}

interface PairRow {
  row: number;
  studentSid: string;
  studentGiven: string;
  studentFamily: string;
  school: string;
  grade: string | null;
  guardianSid: string;
  guardianGiven: string;
  guardianFamily: string;
  phone: string;
  email: string | null;
  language: string;
  role: string;
  newStudent: boolean;
  newGuardian: boolean;
}

/**
 * A plain CSV, one row per student–guardian pair (see README, "Plain CSV import"). Students are
 * keyed by their id; a guardian, who has no id in such files, by phone and name, so the same
 * guardian on two rows (two children) is one contact. Schools are matched by sourcedId or name,
 * and created when new.
 */
export async function importPlainCsv(run: ImportRun): Promise<void> {
  if (run.files.size === 0) throw new DomainError('invalid', 'the import has no file');
  const [file] = [...run.files.values()];
  run.report.phase = file.name;
  const schools = new Map<string, string>();
  for (const school of await run.db.tx((m) => m.find(SchoolEntity, { where: { kind: 'school' } }))) {
    schools.set(school.name.toLowerCase(), school.id);
    if (school.sourceId) schools.set(school.sourceId.toLowerCase(), school.id);
  }
  const students = new Set<string>();
  const guardians = new Set<string>();
  let columns: Columns | undefined;

  await inBatches<PairRow>(
    run.rows(file),
    (row) => {
      columns ??= columnsOf(file.name, row);
      run.report.read(file.name);
      return pairOf(run, file.name, row, columns, (pair) => {
        const newStudent = !students.has(pair.studentSid);
        const newGuardian = !guardians.has(pair.guardianSid);
        students.add(pair.studentSid);
        guardians.add(pair.guardianSid);
        return { ...pair, newStudent, newGuardian };
      });
    },
    async (items) => {
      const newSchools = [...new Set(items.map((i) => i.school).filter((name) => !schools.has(name.toLowerCase())))];
      if (newSchools.length > 0) {
        const created = await run.db.tx((m) =>
          query<{ id: string; source_id: string }>(
            m,
            `insert into schools (tenant_id, name, source_id) select $1, x, x from unnest($2::text[]) as x
             on conflict (tenant_id, source_id) do update set name = excluded.name returning id, source_id`,
            [run.tenantId, newSchools],
          ),
        );
        for (const school of created) schools.set(school.source_id.toLowerCase(), school.id);
      }
      await run.apply(file.name, items, async (m, batch) => {
        const newStudents = batch.filter((i) => i.newStudent || batch.length === 1);
        const newGuardians = batch.filter((i) => i.newGuardian || batch.length === 1);
        const s = await upsertBySourceId(
          m,
          run.tenantId,
          'students',
          newStudents.map((i) => i.studentSid),
          [
            { name: 'school_id', type: 'uuid', values: newStudents.map((i) => schools.get(i.school.toLowerCase())) },
            { name: 'given_name', type: 'text', values: newStudents.map((i) => i.studentGiven) },
            { name: 'family_name', type: 'text', values: newStudents.map((i) => i.studentFamily) },
            { name: 'grade', type: 'text', values: newStudents.map((i) => i.grade) },
          ],
        );
        const g = await upsertBySourceId(
          m,
          run.tenantId,
          'contacts',
          newGuardians.map((i) => i.guardianSid),
          familyContactColumns(
            newGuardians.map((i) => ({
              given: i.guardianGiven || null,
              family: i.guardianFamily || null,
              phone: i.phone,
              email: i.email,
              role: i.role,
              language: i.language,
            })),
          ),
        );
        await query(
          m,
          `insert into contact_students (tenant_id, contact_id, student_id)
           select $1, c.id, s.id from unnest($2::text[], $3::text[]) as x(g, s)
           join contacts c on c.tenant_id = $1 and c.source_id = x.g
           join students s on s.tenant_id = $1 and s.source_id = x.s
           on conflict do nothing`,
          [run.tenantId, batch.map((i) => i.guardianSid), batch.map((i) => i.studentSid)],
        );
        return {
          created: s.created + g.created,
          updated: s.updated + g.updated,
          unchanged: s.unchanged + g.unchanged,
        };
      });
    },
  );
  if (!columns) throw new DomainError('invalid', `${file.name} is empty`);
}

/** The file's columns, from its first row's headers; a file without the columns every row needs is refused. */
function columnsOf(fileName: string, row: CsvRow): Columns {
  const byName = new Map(Object.keys(row.values).map((h) => [squash(h), h]));
  const found: Partial<Record<Field, string>> = {};
  for (const [field, names] of Object.entries(CSV_HEADERS) as [Field, readonly string[]][]) {
    const hit = names.map(squash).find((n) => byName.has(n));
    if (hit) found[field] = byName.get(hit);
  }
  const { studentId, school, phone } = found;
  const studentNameAt = found.studentName ?? (found.studentGivenName && found.studentFamilyName ? found.studentGivenName : undefined);
  if (!studentId || !studentNameAt || !school || !phone) {
    const missing = [!studentId && 'student id', !studentNameAt && 'student name', !school && 'school', !phone && 'phone'].filter(Boolean);
    throw new DomainError('invalid', `${fileName} has no column for ${missing.join(', ')} (headers: ${Object.keys(row.values).join(', ')})`);
  }
  return { ...found, studentId, school, phone, studentNameAt };
}

type Pair = Omit<PairRow, 'newStudent' | 'newGuardian'>;

/** One row as a student–guardian pair, or null when it is rejected (reported). */
function pairOf(run: ImportRun, fileName: string, row: CsvRow, columns: Columns, accept: (pair: Pair) => PairRow): PairRow | null {
  const get = (field: Field) => {
    const header = columns[field];
    return header === undefined ? '' : (row.values[header] ?? '');
  };
  const reject = (field: string, message: string): null => {
    run.report.reject({ file: fileName, row: row.row, field, message });
    return null;
  };
  const studentSid = get('studentId');
  if (!studentSid) return reject(columns.studentId, 'student id is required');
  const [studentGiven, studentFamily] = get('studentName') ? splitName(get('studentName')) : [get('studentGivenName'), get('studentFamilyName')];
  if (!studentGiven || !studentFamily) return reject(columns.studentNameAt, 'the student needs a first and a last name');
  const schoolName = get('school');
  if (!schoolName) return reject(columns.school, 'school is required');
  const rawPhone = get('phone');
  if (!rawPhone) return reject(columns.phone, 'phone is required');
  const phone = normalizePhone(rawPhone, run.country);
  if (!phone.ok) return reject(columns.phone, `"${rawPhone}": ${phone.reason}`);
  const [guardianGiven, guardianFamily] = get('guardianName') ? splitName(get('guardianName')) : [get('guardianGivenName'), get('guardianFamilyName')];
  let language = run.defaultLanguage;
  const normalized = normalizeLanguage(get('language'));
  if (!normalized.ok) {
    run.report.warn({ file: fileName, row: row.row, field: columns.language ?? '', message: `${normalized.reason}; the district's default language is used` });
  } else if (normalized.language) language = normalized.language;
  return accept({
    row: row.row,
    studentSid,
    studentGiven,
    studentFamily,
    school: schoolName,
    grade: get('grade') || null,
    guardianSid: `csv:${phone.e164}:${`${guardianGiven} ${guardianFamily}`.trim().toLowerCase()}`,
    guardianGiven,
    guardianFamily,
    phone: phone.e164,
    email: get('email') || null,
    language,
    role: relationshipRole(get('relationship')),
  });
}
