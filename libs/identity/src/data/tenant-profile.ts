import { DomainError, Role } from '@porchlight/contracts';
import { queryOne, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { TenantSettings } from '../tenants';

/** What other domains read of a district: its name, languages and translation policy. */
export interface TenantProfile {
  name: string;
  defaultLanguage: string;
  languages: string[];
  translation: (TenantSettings['translation'] & { requireReviewFor?: string[] }) | null;
}

interface TenantProfileRow {
  name: string;
  default_language: string;
  languages: string[];
  translation: (TenantSettings['translation'] & { requireReviewFor?: string[] }) | null;
}

/** The district's name, languages and translation policy (404 when row-level security hides it). */
export async function tenantProfile(m: EntityManager, tenantId: string): Promise<TenantProfile> {
  const row = await queryOne<TenantProfileRow>(m, `select name, default_language, languages, translation from tenants where id = $1`, [tenantId]);
  if (!row) throw DomainError.notFound('tenant');
  return { name: row.name, defaultLanguage: row.default_language, languages: row.languages, translation: row.translation };
}

/**
 * SQL for the district's sending window, one row `(timezone, quiet_hours_start, quiet_hours_end)`,
 * for a statement that computes each recipient's `next_sending_time`. `tenantParam`: the
 * placeholder holding the tenant's id (`$1`).
 */
export function tenantSendingWindowSql(tenantParam: string): string {
  return `select timezone, quiet_hours_start, quiet_hours_end from tenants where id = ${tenantParam}`;
}

/** A staff account's role and schools as they are now, for the family scope of what it wrote; undefined when the account is gone. */
export async function staffScope(m: EntityManager, userId: string): Promise<{ role: Role; schoolIds: string[] } | undefined> {
  const row = await queryOne<{ role: Role; school_ids: string[] }>(m, `select role, school_ids from users where id = $1`, [userId]);
  return row && { role: row.role, schoolIds: row.school_ids };
}

/** Every district's id, from the tenant directory: for sweeps that then work inside each tenant. */
export async function allTenantIds(db: TenantDb): Promise<string[]> {
  const found = await db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory`);
  return found.map((row) => row.tenant_id);
}
