import { DomainError, Role, StaffPrincipal } from '@porchlight/contracts';
import { rows, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { audit } from './audit';
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
export class StaffLifecycleUseCases {
  constructor(private readonly db: TenantDb) {}

  async update(actor: StaffPrincipal, userId: string, command: UpdateUserCommand): Promise<StaffUser> {
    return this.db.tx(async (m) => {
      await lockStaff(m, actor.tenantId);
      const [before] = await m.query(`select * from users where id = $1`, [userId]);
      if (!before) throw DomainError.notFound('user');
      const asked = (Object.keys(command) as (keyof UpdateUserCommand)[]).filter((key) => command[key] !== undefined);
      if (actor.role !== 'district_admin' && (actor.userId !== userId || asked.some((key) => ADMIN_ONLY.includes(key)))) {
        throw new DomainError('forbidden', 'only a district admin can change role, schools or access of staff; anyone can change their own name and language');
      }
      const schoolIds = command.schoolIds === undefined ? before.school_ids : [...new Set(command.schoolIds)];
      if (command.schoolIds !== undefined) await assertSchoolsExist(m, schoolIds);
      const after = {
        name: command.name ?? before.name,
        role: command.role ?? before.role,
        schoolIds,
        language: command.language ?? before.language,
        active: command.active ?? before.active,
      };
      if (before.role === 'district_admin' && before.active && (after.role !== 'district_admin' || !after.active)) {
        await assertAnotherAdmin(m, userId);
      }
      const changed = [
        ...(after.name !== before.name ? ['name'] : []),
        ...(after.role !== before.role ? ['role'] : []),
        ...(sameSet(after.schoolIds, before.school_ids) ? [] : ['schoolIds']),
        ...(after.language !== before.language ? ['language'] : []),
      ];
      if (changed.length === 0 && after.active === before.active) return toUser(before);

      const deactivating = before.active && !after.active;
      const [row] = await rows(
        m,
        `update users set name = $2, role = $3, school_ids = $4, language = $5, active = $6,
           deactivated_at = case when $6 then null when active then now() else deactivated_at end,
           token_version = token_version + $7, updated_at = now()
         where id = $1 returning *`,
        [userId, after.name, after.role, after.schoolIds, after.language, after.active, deactivating ? 1 : 0],
      );
      const entry = { actorUserId: actor.userId, subjectType: 'user', subjectId: userId };
      if (changed.length > 0) {
        await audit(m, actor.tenantId, {
          ...entry,
          action: 'user.updated',
          data: { changed, before: { role: before.role, schoolIds: before.school_ids }, after: { role: after.role, schoolIds: after.schoolIds } },
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
  await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`porchlight:staff:${tenantId}`]);
}

async function assertAnotherAdmin(m: EntityManager, userId: string): Promise<void> {
  const [{ count }] = await m.query(`select count(*)::int as count from users where role = 'district_admin' and active and id <> $1`, [userId]);
  if (count === 0) throw new DomainError('conflict', 'the district must keep at least one active district admin');
}
