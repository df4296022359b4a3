import { Injectable } from '@nestjs/common';
import { DomainError, Role, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { audit } from './audit';
import { UserEntity } from './data/user.entity';
import { findUser, findUserByEmail, insertUser, listUsers } from './data/users.repository';
import { hashPassword } from './passwords';
import { SchoolDirectory } from './school-directory.port';

export interface StaffUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  language: string;
  schoolIds: string[];
  /** False once deactivated: the account cannot sign in and its tokens stop working; its history stays. */
  active: boolean;
  deactivatedAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export const toUser = (row: UserEntity): StaffUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  language: row.language,
  schoolIds: row.schoolIds,
  active: row.active,
  deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
  lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** Every school id names a school of the current tenant, or a 400 on `schoolIds`. */
export async function assertSchoolsExist(schools: SchoolDirectory, m: EntityManager, schoolIds: string[]): Promise<void> {
  if (schoolIds.length === 0) return;
  const missing = await schools.missingSchoolIds(m, schoolIds);
  if (missing.length > 0) throw new DomainError('invalid', 'validation failed', [{ field: 'schoolIds', message: 'unknown school id' }]);
}

export interface CreateUserCommand {
  email: string;
  password: string;
  name: string;
  role: Role;
  schoolIds?: string[];
  language?: string;
}

@Injectable()
export class UsersUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly schools: SchoolDirectory,
  ) {}

  async create(actor: StaffPrincipal, command: CreateUserCommand): Promise<StaffUser> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can add staff');
    const hash = await hashPassword(command.password);
    return this.db.tx(async (m) => {
      const schoolIds = [...new Set(command.schoolIds ?? [])];
      await assertSchoolsExist(this.schools, m, schoolIds);
      if (await findUserByEmail(m, actor.tenantId, command.email)) throw new DomainError('conflict', 'a staff member with this email already exists');
      const user = await insertUser(m, {
        tenantId: actor.tenantId,
        email: command.email,
        passwordHash: hash,
        name: command.name,
        role: command.role,
        language: command.language ?? actor.language,
        schoolIds,
      });
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        data: { role: command.role, schoolIds },
      });
      return toUser(user);
    });
  }

  async get(userId: string): Promise<StaffUser> {
    return this.db.tx(async (m) => {
      const user = await findUser(m, userId);
      if (!user) throw DomainError.notFound('user');
      return toUser(user);
    });
  }

  async list(): Promise<StaffUser[]> {
    return this.db.tx(async (m) => (await listUsers(m)).map(toUser));
  }
}
