import { query } from '@porchlight/database';
import { courseIdsBySourceId, schoolIdsBySourceId, sessionIdsBySourceId } from '../data/roster.repository';
import { StoredFile } from './import-files';
import { BatchRejection, DATE, ImportRun, list } from './import-run';
import { Deletions, eachRecord, upsert } from './oneroster-files';

/** courses.csv: a course, of a school when its org is one. */
export async function importCourses(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  const schools = await run.db.tx((m) => schoolIdsBySourceId(m, false));
  await eachRecord(
    run,
    file,
    deletions.courses,
    (row, sid) => {
      const v = row.values;
      if (!v.title) {
        run.report.reject({ file: file.name, row: row.row, field: 'title', message: 'title is required' });
        return null;
      }
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

/** classes.csv: sections of a known school, with their course, grades and terms when known. */
export async function importClasses(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  const [schools, courses, sessions] = await run.db.tx(
    async (m) => [await schoolIdsBySourceId(m, true), await courseIdsBySourceId(m), await sessionIdsBySourceId(m)] as const,
  );
  await eachRecord(
    run,
    file,
    deletions.sections,
    (row, sid) => {
      const v = row.values;
      const at = { file: file.name, row: row.row };
      if (!v.title) {
        run.report.reject({ ...at, field: 'title', message: 'title is required' });
        return null;
      }
      const school = v.schoolsourcedid === undefined ? undefined : schools.get(v.schoolsourcedid);
      if (!school) {
        run.report.reject({ ...at, field: 'schoolSourcedId', message: `unknown school "${v.schoolsourcedid ?? ''}"` });
        return null;
      }
      const course = v.coursesourcedid ? courses.get(v.coursesourcedid) : undefined;
      if (v.coursesourcedid && !course) run.report.warn({ ...at, field: 'courseSourcedId', message: `unknown course "${v.coursesourcedid}"` });
      const terms: string[] = [];
      for (const term of list(v.termsourcedids)) {
        const id = sessions.get(term);
        if (id) terms.push(id);
        else run.report.warn({ ...at, field: 'termSourcedIds', message: `unknown academic session "${term}"` });
      }
      return {
        ...at,
        sid,
        title: v.title,
        code: v.classcode || null,
        school,
        course: course ?? null,
        grades: list(v.grades).join(','),
        terms: terms.join(','),
      };
    },
    (items) =>
      run.apply(file.name, items, (m, batch) =>
        upsert(m, run, 'sections', batch, [
          { name: 'title', type: 'text', values: batch.map((i) => i.title) },
          { name: 'class_code', type: 'text', values: batch.map((i) => i.code) },
          { name: 'school_id', type: 'uuid', values: batch.map((i) => i.school) },
          { name: 'course_id', type: 'uuid', values: batch.map((i) => i.course) },
          { name: 'grades', type: 'text', values: batch.map((i) => i.grades), select: `coalesce(string_to_array(nullif(x.grades, ''), ','), '{}')` },
          {
            name: 'session_ids',
            type: 'text',
            values: batch.map((i) => i.terms),
            select: `coalesce(string_to_array(nullif(x.session_ids, ''), ',')::uuid[], '{}')`,
          },
        ]),
      ),
  );
}

/** enrollments.csv: students' enrollments in known classes (Porchlight keeps no staff). */
export async function importEnrollments(run: ImportRun, file: StoredFile, deletions: Deletions): Promise<void> {
  await eachRecord(
    run,
    file,
    deletions.enrollments,
    (row, sid) => {
      const v = row.values;
      if ((v.role ?? '').toLowerCase() !== 'student') {
        run.report.skipped(file.name);
        return null;
      }
      for (const field of ['begindate', 'enddate'] as const) {
        const date = v[field];
        if (date && !DATE.test(date)) {
          run.report.reject({ file: file.name, row: row.row, field: field === 'begindate' ? 'beginDate' : 'endDate', message: 'not a date (YYYY-MM-DD)' });
          return null;
        }
      }
      return { row: row.row, sid, section: v.classsourcedid ?? '', student: v.usersourcedid ?? '', begin: v.begindate || null, end: v.enddate || null };
    },
    (items) =>
      run.apply(file.name, items, async (m, batch) => {
        const resolved = await query<{ ord: string; section_id: string | null; student_id: string | null }>(
          m,
          `select x.ord, s.id as section_id, st.id as student_id
           from unnest($2::text[], $3::text[]) with ordinality as x(section, student, ord)
           left join sections s on s.tenant_id = $1 and s.source_id = x.section
           left join students st on st.tenant_id = $1 and st.source_id = x.student`,
          [run.tenantId, batch.map((i) => i.section), batch.map((i) => i.student)],
        );
        const rejections: BatchRejection[] = [];
        const ok: ((typeof batch)[number] & { sectionId: string; studentId: string })[] = [];
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
