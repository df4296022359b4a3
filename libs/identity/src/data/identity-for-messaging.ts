import { Role } from '@porchlight/contracts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/** What messaging needs of its district: its name and HELP text, languages, time zone and translation policy. */
export interface TenantForMessaging {
  name: string;
  helpText: string | null;
  helpContact: string | null;
  defaultLanguage: string;
  languages: string[];
  timezone: string;
  translation: { untranslatedPolicy?: 'hold' | 'send_source'; [key: string]: unknown };
}

interface TenantForMessagingRow {
  name: string;
  help_text: string | null;
  help_contact: string | null;
  default_language: string;
  languages: string[];
  timezone: string;
  translation: TenantForMessaging['translation'];
}

/** The district of the transaction's tenant, for messaging (throws when it is not there: RLS or a wrong id). */
export async function tenantForMessaging(m: EntityManager, tenantId: string): Promise<TenantForMessaging> {
  const row = await queryOne<TenantForMessagingRow>(
    m,
    `select name, help_text, help_contact, default_language, languages, timezone, translation from tenants where id = $1`,
    [tenantId],
  );
  if (!row) throw new Error(`tenant ${tenantId} not found`);
  return {
    name: row.name,
    helpText: row.help_text,
    helpContact: row.help_contact,
    defaultLanguage: row.default_language,
    languages: row.languages,
    timezone: row.timezone,
    translation: row.translation,
  };
}

/**
 * A CTE body giving the district's `timezone`, `quiet_hours_start` and `quiet_hours_end` (one
 * row), for set-based SQL that plans sending windows: `tenant as (${tenantQuietHoursSql('$1')})`.
 */
export function tenantQuietHoursSql(tenantIdExpr: string): string {
  return `select timezone, quiet_hours_start, quiet_hours_end from tenants where id = ${tenantIdExpr}`;
}

/** A staff member as messaging sees them: the role and schools that make their family scope, and how they are named. */
export interface StaffForMessaging {
  id: string;
  role: Role;
  schoolIds: string[];
  name: string | null;
  email: string;
}

/** One staff member of the transaction's tenant, or undefined. */
export async function staffForMessaging(m: EntityManager, userId: string): Promise<StaffForMessaging | undefined> {
  const [found] = await staffMembersForMessaging(m, [userId]);
  return found;
}

/** Staff members of the transaction's tenant by id (those that exist). */
export async function staffMembersForMessaging(m: EntityManager, userIds: readonly string[]): Promise<StaffForMessaging[]> {
  if (userIds.length === 0) return [];
  const rows = await query<{ id: string; role: Role; school_ids: string[]; name: string | null; email: string }>(
    m,
    `select id, role, school_ids, name, email from users where id = any($1::uuid[])`,
    [[...new Set(userIds)]],
  );
  return rows.map((row) => ({ id: row.id, role: row.role, schoolIds: row.school_ids, name: row.name, email: row.email }));
}

/** The transaction's tenant's active staff members, by name then email. */
export async function activeStaffForMessaging(m: EntityManager): Promise<StaffForMessaging[]> {
  const rows = await query<{ id: string; role: Role; school_ids: string[]; name: string | null; email: string }>(
    m,
    `select id, role, school_ids, name, email from users where active order by coalesce(name, email), email, id`,
  );
  return rows.map((row) => ({ id: row.id, role: row.role, schoolIds: row.school_ids, name: row.name, email: row.email }));
}

/** Every district's id, from the tenant directory (read before any tenant is known: the reconciler's sweep). */
export async function everyTenantId(db: TenantDb): Promise<string[]> {
  const rows = await db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory`);
  return rows.map((row) => row.tenant_id);
}

/** The district's sender pace: segments per second its number or messaging service may send (null: no limit of its own). */
export async function senderPace(m: EntityManager, tenantId: string): Promise<number | null> {
  const row = await queryOne<{ per_second: number | null }>(m, `select sms_messages_per_second as per_second from tenants where id = $1`, [tenantId]);
  return row?.per_second ?? null;
}
