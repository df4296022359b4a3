import { QueryRunner } from 'typeorm';

/** The tenant of the current transaction; NULL (and so no rows) when none was set. */
export const CURRENT_TENANT_SQL = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** The same, as a policy reads it: a scalar subquery, evaluated once per statement rather than once per row. */
export const TENANT_POLICY_SQL = `(select ${CURRENT_TENANT_SQL})`;

/**
 * Row-level security for one tenant-owned table: enabled and forced (so even the owner is bound),
 * rows visible and writable only under the transaction's tenant.
 */
export async function enableTenantIsolation(q: QueryRunner, table: string): Promise<void> {
  await q.query(`alter table ${table} enable row level security`);
  await q.query(`alter table ${table} force row level security`);
  await q.query(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT_POLICY_SQL}) with check (tenant_id = ${TENANT_POLICY_SQL})`);
}
