import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { FamilyScope } from './visibility';

export interface School {
  id: string;
  name: string;
  sourcedId: string | null;
}

export interface Student {
  id: string;
  givenName: string;
  familyName: string;
  schoolId: string;
  grade: string | null;
  sourcedId: string | null;
}

const toSchool = (r: any): School => ({ id: r.id, name: r.name, sourcedId: r.source_id });
const toStudent = (r: any): Student => ({
  id: r.id,
  givenName: r.given_name,
  familyName: r.family_name,
  schoolId: r.school_id,
  grade: r.grade,
  sourcedId: r.source_id,
});

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Schools and students entered by hand (the roster import upserts the same tables). */
export class RosterUseCases {
  constructor(private readonly db: TenantDb) {}

  async createSchool(actor: StaffPrincipal, input: { name: string; sourcedId?: string }): Promise<School> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can add schools');
    try {
      return await this.db.tx(async (m) => {
        const [row] = await m.query(`insert into schools (tenant_id, name, source_id) values ($1, $2, $3) returning *`, [
          actor.tenantId,
          input.name,
          input.sourcedId ?? null,
        ]);
        return toSchool(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `a school with sourcedId "${input.sourcedId}" already exists`);
      throw error;
    }
  }

  listSchools(actor: StaffPrincipal): Promise<School[]> {
    const params: unknown[] = [];
    const visible = FamilyScope.of(actor).schoolSql('id', params);
    return this.db.tx(async (m) => (await m.query(`select * from schools where kind = 'school' and ${visible} order by name, id`, params)).map(toSchool));
  }

  async createStudent(
    actor: StaffPrincipal,
    input: { givenName: string; familyName: string; schoolId: string; grade?: string; sourcedId?: string },
  ): Promise<Student> {
    if (!FamilyScope.of(actor).seesSchool(input.schoolId)) throw DomainError.notFound('school');
    try {
      return await this.db.tx(async (m) => {
        const [school] = await m.query(`select id from schools where id = $1 and kind = 'school'`, [input.schoolId]);
        if (!school) throw DomainError.notFound('school');
        const [row] = await m.query(
          `insert into students (tenant_id, school_id, given_name, family_name, grade, source_id)
           values ($1, $2, $3, $4, $5, $6) returning *`,
          [actor.tenantId, input.schoolId, input.givenName, input.familyName, input.grade ?? null, input.sourcedId ?? null],
        );
        return toStudent(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `a student with sourcedId "${input.sourcedId}" already exists`);
      throw error;
    }
  }

  listStudents(actor: StaffPrincipal, filter: { schoolId?: string }): Promise<Student[]> {
    const params: unknown[] = [filter.schoolId ?? null];
    const visible = FamilyScope.of(actor).schoolSql('school_id', params);
    return this.db.tx(async (m) =>
      (
        await m.query(
          `select * from students where ($1::uuid is null or school_id = $1) and ${visible} order by family_name, given_name, id limit 1000`,
          params,
        )
      ).map(toStudent),
    );
  }
}
