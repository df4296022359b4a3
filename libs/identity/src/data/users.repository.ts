import { Role } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EntityManager, Not } from 'typeorm';
import { UserEntity } from './user.entity';

/** What every request reads of its user (see `StaffSessions`). */
export interface SessionUserRow {
  role: Role;
  school_ids: string[];
  language: string;
  active: boolean;
  token_version: number;
}

/** A staff member by id, under the transaction's tenant. */
export function findUser(m: EntityManager, id: string): Promise<UserEntity | null> {
  return m.findOneBy(UserEntity, { id });
}

/** A staff member by id, locked until the transaction ends (a password change). */
export function findUserForUpdate(m: EntityManager, id: string): Promise<UserEntity | null> {
  return m.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** A staff member by email, case-insensitively (the unique index is on `(tenant_id, lower(email))`). */
export function findUserByEmail(m: EntityManager, tenantId: string, email: string): Promise<UserEntity | null> {
  return m.createQueryBuilder(UserEntity, 'u').where('u.tenant_id = :tenantId and lower(u.email) = lower(:email)', { tenantId, email }).getOne();
}

/** The district's staff, oldest account first. */
export function listUsers(m: EntityManager): Promise<UserEntity[]> {
  return m.find(UserEntity, { order: { createdAt: 'ASC' } });
}

export type NewUser = Pick<UserEntity, 'tenantId' | 'email' | 'passwordHash' | 'name' | 'role'> & Partial<Pick<UserEntity, 'language' | 'schoolIds'>>;

/** Inserts a staff member; the answer carries what the database filled in (id, defaults). */
export function insertUser(m: EntityManager, user: NewUser): Promise<UserEntity> {
  // A nullable column without a default comes back from the insert only when it was written.
  return m.save(m.create(UserEntity, { ...user, lastLoginAt: null, deactivatedAt: null }));
}

/** Another active district admin than `userId` exists. */
export async function anotherActiveAdmin(m: EntityManager, userId: string): Promise<boolean> {
  return (await m.countBy(UserEntity, { role: 'district_admin', active: true, id: Not(userId) })) > 0;
}

export function recordLogin(m: EntityManager, id: string): Promise<unknown> {
  return m.update(UserEntity, { id }, { lastLoginAt: () => 'now()' });
}

/** A new password: every token issued before stops working. */
export function changePasswordHash(m: EntityManager, id: string, passwordHash: string): Promise<unknown> {
  return m.update(UserEntity, { id }, { passwordHash, tokenVersion: () => 'token_version + 1', updatedAt: () => 'now()' });
}

export type UserAccess = Pick<UserEntity, 'name' | 'role' | 'schoolIds' | 'language' | 'active'>;

/**
 * Writes a staff member's name, role, schools, language and access. Deactivating stamps
 * `deactivated_at` and moves `token_version` on, so reactivating does not revive old tokens.
 */
export async function updateUserAccess(m: EntityManager, id: string, access: UserAccess, deactivating: boolean): Promise<UserEntity> {
  await m.update(
    UserEntity,
    { id },
    {
      ...access,
      deactivatedAt: () => (access.active ? 'null' : 'case when active then now() else deactivated_at end'),
      ...(deactivating ? { tokenVersion: () => 'token_version + 1' } : {}),
      updatedAt: () => 'now()',
    },
  );
  return m.findOneByOrFail(UserEntity, { id });
}

/**
 * The user's state for a request, in one round trip (`TenantDb.call` of `staff_session_state`,
 * which scopes itself to the tenant): this runs on every authenticated call.
 */
export async function sessionUser(db: TenantDb, tenantId: string, userId: string): Promise<SessionUserRow | undefined> {
  const [row] = await db.call<SessionUserRow>('staff_session_state', tenantId, [userId]);
  return row;
}
