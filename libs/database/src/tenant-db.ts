import { DataSource, EntityManager } from 'typeorm';
import { TenantContext } from '@porchlight/tenancy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  /**
   * Runs `work` in a transaction under `tenantId` (for platform code that creates or finds a
   * tenant). `BEGIN` and the tenant setting travel in one round trip (the id is checked to be a
   * UUID, so it can be written into the statement); every message pays for this, so it counts.
   */
  async txFor<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${JSON.stringify(tenantId)}`);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`begin; select set_config('app.tenant_id', '${tenantId.toLowerCase()}', true)`);
      let result: T;
      try {
        result = await work(runner.manager);
      } catch (error) {
        await runner.query('rollback').catch(() => undefined);
        throw error;
      }
      await runner.query('commit');
      return result;
    } finally {
      await runner.release();
    }
  }

  /** Queries outside any tenant: only for the tenant directory and health checks. */
  unscoped<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }
}
