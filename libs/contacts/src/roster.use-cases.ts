import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { QueryFailedError } from 'typeorm';
import { insertSchool, insertStudent, isSchool, schoolsSeen, studentsSeen } from './data/roster.repository';
import { SchoolEntity } from './data/school.entity';
import { StudentEntity } from './data/student.entity';
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

const toSchool = (s: SchoolEntity): School => ({ id: s.id, name: s.name, sourcedId: s.sourceId });
const toStudent = (s: StudentEntity): Student => ({
  id: s.id,
  givenName: s.givenName,
  familyName: s.familyName,
  schoolId: s.schoolId,
  grade: s.grade,
  sourcedId: s.sourceId,
});

const isUniqueViolation = (error: unknown) => error instanceof QueryFailedError && (error.driverError as { code?: unknown }).code === '23505';

/** Schools and students entered by hand (the roster import upserts the same tables). */
@Injectable()
export class RosterUseCases {
  constructor(private readonly db: TenantDb) {}

  async createSchool(actor: StaffPrincipal, input: { name: string; sourcedId?: string }): Promise<School> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can add schools');
    try {
      return await this.db.tx(async (m) => toSchool(await insertSchool(m, { tenantId: actor.tenantId, name: input.name, sourceId: input.sourcedId ?? null })));
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `a school with sourcedId "${input.sourcedId ?? ''}" already exists`);
      throw error;
    }
  }

  listSchools(actor: StaffPrincipal): Promise<School[]> {
    return this.db.tx(async (m) => (await schoolsSeen(m, FamilyScope.of(actor))).map(toSchool));
  }

  async createStudent(
    actor: StaffPrincipal,
    input: { givenName: string; familyName: string; schoolId: string; grade?: string; sourcedId?: string },
  ): Promise<Student> {
    if (!FamilyScope.of(actor).seesSchool(input.schoolId)) throw DomainError.notFound('school');
    try {
      return await this.db.tx(async (m) => {
        if (!(await isSchool(m, input.schoolId))) throw DomainError.notFound('school');
        const student = await insertStudent(m, {
          tenantId: actor.tenantId,
          schoolId: input.schoolId,
          givenName: input.givenName,
          familyName: input.familyName,
          grade: input.grade ?? null,
          sourceId: input.sourcedId ?? null,
        });
        return toStudent(student);
      });
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `a student with sourcedId "${input.sourcedId ?? ''}" already exists`);
      throw error;
    }
  }

  listStudents(actor: StaffPrincipal, filter: { schoolId?: string; contactId?: string }): Promise<Student[]> {
    return this.db.tx(async (m) => (await studentsSeen(m, FamilyScope.of(actor), filter, 1000)).map(toStudent));
  }
}
