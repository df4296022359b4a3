import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { Cursor, Page, pageOf } from './paging';
import { FamilyScope } from './visibility';

/** A OneRoster class: a section of a course in a school, for some grades. */
export interface Section {
  id: string;
  title: string;
  classCode: string | null;
  sourcedId: string;
  school: { id: string; name: string };
  course: { id: string; title: string; courseCode: string | null } | null;
  grades: string[];
  /** Students enrolled in it (the roster's student enrollments). */
  students: number;
}

export interface SectionFilter {
  schoolId?: string;
  grade?: string;
  /** Part of the title or class code, any case. */
  q?: string;
  cursor?: string;
  limit?: number;
}

interface SectionRow {
  id: string;
  title: string;
  class_code: string | null;
  source_id: string;
  school_id: string;
  school_name: string;
  course_id: string | null;
  course_title: string | null;
  course_code: string | null;
  grades: string[];
  students: number;
}

/**
 * The classes a notice can aim at, from the tables the OneRoster import fills (`sections`,
 * `courses`, `schools`, `enrollments`), limited to the caller's schools (docs/roles.md), by title.
 */
@Injectable()
export class SectionsQuery {
  constructor(private readonly db: TenantDb) {}

  list(actor: StaffPrincipal, filter: SectionFilter): Promise<Page<Section>> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const after = Cursor.decode(filter.cursor, ['text', 'uuid']);
    const q = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const params: unknown[] = [filter.schoolId ?? null, filter.grade ?? null, q, after?.[0] ?? null, after?.[1] ?? null, limit + 1];
    const visible = FamilyScope.of(actor).schoolSql('s.school_id', params);
    return this.db.tx(async (m) => {
      const found: SectionRow[] = await m.query(
        `select s.id, s.title, s.class_code, s.source_id, s.school_id, sc.name as school_name, s.grades,
                c.id as course_id, c.title as course_title, c.course_code,
                (select count(*)::int from enrollments e where e.section_id = s.id) as students
         from sections s join schools sc on sc.id = s.school_id left join courses c on c.id = s.course_id
         where ($1::uuid is null or s.school_id = $1) and ($2::text is null or $2 = any(s.grades))
           and ($3::text is null or s.title ilike $3 or s.class_code ilike $3)
           and ($4::text is null or (s.title, s.id) > ($4::text, $5::uuid))
           and ${visible}
         order by s.title, s.id limit $6`,
        params,
      );
      const items = found.map((r): Section => ({
        id: r.id,
        title: r.title,
        classCode: r.class_code,
        sourcedId: r.source_id,
        school: { id: r.school_id, name: r.school_name },
        course: r.course_id ? { id: r.course_id, title: r.course_title ?? '', courseCode: r.course_code } : null,
        grades: r.grades,
        students: r.students,
      }));
      return pageOf(items, limit, (s) => [s.title, s.id]);
    });
  }
}
