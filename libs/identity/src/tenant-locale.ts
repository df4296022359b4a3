import { DomainError } from '@porchlight/contracts';
import { queryOne } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/** Where a district is and the language it writes in: what other domains need to read its families' numbers and words. */
export interface TenantLocale {
  /** ISO 3166-1 alpha-2, upper case: how a phone number written without a country code is read. */
  country: string;
  defaultLanguage: string;
}

/** The locale of the tenant of the current transaction (`TenantDb.tx`). */
export async function tenantLocale(m: EntityManager, tenantId: string): Promise<TenantLocale> {
  const row = await queryOne<{ country: string; default_language: string }>(m, `select country, default_language from tenants where id = $1`, [tenantId]);
  if (!row) throw DomainError.notFound('tenant');
  return { country: row.country, defaultLanguage: row.default_language };
}
