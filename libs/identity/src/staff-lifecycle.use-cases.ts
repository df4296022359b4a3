import { Injectable } from '@nestjs/common';
import { DomainError, Role, StaffPrincipal } from '@porchlight/contracts';
import { query, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { audit } from './audit';
import { anotherActiveAdmin, findUser, updateUserAccess, UserAccess } from './data/users.repository';
import { SchoolDirectory } from './school-directory.port';
import { assertSchoolsExist, StaffUser, toUser } from './users.use-cases';

export interface UpdateUserCommand {
  name?: string;
  role?: Role;
  schoolIds?: string[];
  language?: string;
  active?: boolean;
}

/** Fields only a district admin may change; anyone may change their own name and language. */
const ADMIN_ONLY: (keyof UpdateUserCommand)[] = ['role', 'schoolIds', 'active'];

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Changes to a staff member's access. Role, schools and deactivation hold from the caller's next
 * request, because every request reads the user row (see `StaffSessions`); deactivation also bumps
 * `token_version`, so reactivating the account does not revive its old tokens.
 */
@Injectable()
export class StaffLifecycleUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly schools: SchoolDirectory,
  ) {}

  async update(actor: StaffPrincipal, userId: string, command: UpdateUserCommand): Promise<StaffUser> {
    return this.db.tx(async (m) => {
      await lockStaff(m, actor.tenantId);
      const before = await findUser(m, userId);
      if (!before) throw DomainError.notFound('user');
      const asked = (Object.keys(command) as (keyof UpdateUserCommand)[]).filter((key) => command[key] !== undefined);
      if (actor.role !== 'district_admin' && (actor.userId !== userId || asked.some((key) => ADMIN_ONLY.includes(key)))) {
        throw new DomainError('forbidden', 'only a district admin can change role, schools or access of staff; anyone can change their own name and language');
      }
      const schoolIds = command.schoolIds === undefined ? before.schoolIds : [...new Set(command.schoolIds)];
      if (command.schoolIds !== undefined) await assertSchoolsExist(this.schools, m, schoolIds);
      const after: UserAccess = {
        name: command.name ?? before.name,
        role: command.role ?? before.role,
        schoolIds,
        language: command.language ?? before.language,
        active: command.active ?? before.active,
      };
      if (before.role === 'district_admin' && before.active && (after.role !== 'district_admin' || !after.active)) {
        if (!(await anotherActiveAdmin(m, userId))) throw new DomainError('conflict', 'the district must keep at least one active district admin');
      }
      const changed = [
        ...(after.name !== before.name ? ['name'] : []),
        ...(after.role !== before.role ? ['role'] : []),
        ...(sameSet(after.schoolIds, before.schoolIds) ? [] : ['schoolIds']),
        ...(after.language !== before.language ? ['language'] : []),
      ];
      if (changed.length === 0 && after.active === before.active) return toUser(before);

      const deactivating = before.active && !after.active;
      const row = await updateUserAccess(m, userId, after, deactivating);
      const entry = { actorUserId: actor.userId, subjectType: 'user', subjectId: userId };
      if (changed.length > 0) {
        await audit(m, actor.tenantId, {
          ...entry,
          action: 'user.updated',
          data: { changed, before: { role: before.role, schoolIds: before.schoolIds }, after: { role: after.role, schoolIds: after.schoolIds } },
        });
      }
      if (after.active !== before.active) await audit(m, actor.tenantId, { ...entry, action: after.active ? 'user.reactivated' : 'user.deactivated' });
      return toUser(row);
    });
  }

  /** Deactivation: the account can no longer sign in and its tokens stop working; the row and its history stay. */
  async deactivate(actor: StaffPrincipal, userId: string): Promise<void> {
    await this.update(actor, userId, { active: false });
  }
}

/** Changes to a district's staff run one at a time, so two admins cannot demote each other into a district without one. */
async function lockStaff(m: EntityManager, tenantId: string): Promise<void> {
  await query(m, `select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`porchlight:staff:${tenantId}`]);
}
