import { DataSource, EntityManager } from 'typeorm';
import { TenantContext } from '@porchlight/tenancy';

/**
 * The only way services reach tenant-owned rows: a transaction whose `app.tenant_id` is the
 * tenant of the current context (or the one given), so row-level security scopes every query.
 */
export class TenantDb {
  constructor(readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction under the context's tenant. */
  tx<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.txFor(TenantContext.tenantId(), work);
  }

  /** Runs `work` in a transaction under `tenantId` (for platform code that creates or finds a tenant). */
  txFor<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      return work(manager);
    });
  }

  /** Queries outside any tenant: only for the tenant directory and health checks. */
  unscoped<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }
}
