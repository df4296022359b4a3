import { DomainError, Role, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { audit } from './audit';
import { hashPassword } from './passwords';

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

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

export const toUser = (row: Record<string, any>): StaffUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  language: row.language,
  schoolIds: row.school_ids,
  active: row.active,
  deactivatedAt: iso(row.deactivated_at),
  lastLoginAt: iso(row.last_login_at),
  createdAt: new Date(row.created_at).toISOString(),
});

/** Every school id names a school of the current tenant, or a 400 on `schoolIds`. */
export async function assertSchoolsExist(m: EntityManager, schoolIds: string[]): Promise<void> {
  if (schoolIds.length === 0) return;
  const [{ count }] = await m.query(`select count(*)::int as count from schools where id = any($1::uuid[])`, [schoolIds]);
  if (count !== schoolIds.length) throw new DomainError('invalid', 'validation failed', [{ field: 'schoolIds', message: 'unknown school id' }]);
}

export interface CreateUserCommand {
  email: string;
  password: string;
  name: string;
  role: Role;
  schoolIds?: string[];
  language?: string;
}

export class UsersUseCases {
  constructor(private readonly db: TenantDb) {}

  async create(actor: StaffPrincipal, command: CreateUserCommand): Promise<StaffUser> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can add staff');
    const hash = await hashPassword(command.password);
    return this.db.tx(async (m) => {
      const schoolIds = [...new Set(command.schoolIds ?? [])];
      await assertSchoolsExist(m, schoolIds);
      const [existing] = await m.query(`select 1 from users where lower(email) = lower($1)`, [command.email]);
      if (existing) throw new DomainError('conflict', 'a staff member with this email already exists');
      const [row] = await m.query(
        `insert into users (tenant_id, email, password_hash, name, role, language, school_ids)
         values ($1, $2, $3, $4, $5, $6, $7) returning *`,
        [actor.tenantId, command.email, hash, command.name, command.role, command.language ?? actor.language, schoolIds],
      );
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'user.created',
        subjectType: 'user',
        subjectId: row.id,
        data: { role: command.role, schoolIds },
      });
      return toUser(row);
    });
  }

  async get(userId: string): Promise<StaffUser> {
    return this.db.tx(async (m) => {
      const [row] = await m.query(`select * from users where id = $1`, [userId]);
      if (!row) throw DomainError.notFound('user');
      return toUser(row);
    });
  }

  async list(): Promise<StaffUser[]> {
    return this.db.tx(async (m) => (await m.query(`select * from users order by created_at`)).map(toUser));
  }
}
