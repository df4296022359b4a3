import { escapeLiteral, Pool } from 'pg';
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

  /**
   * Runs `work` in a read-only, repeatable-read transaction under the context's tenant: every
   * statement sees the same snapshot, so a long export reads the district as it was at one moment.
   */
  async snapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const tenantId = TenantContext.tenantId();
    if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${JSON.stringify(tenantId)}`);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`begin isolation level repeatable read, read only; select set_config('app.tenant_id', '${tenantId.toLowerCase()}', true)`);
      try {
        const result = await work(runner.manager);
        await runner.query('commit');
        return result;
      } catch (error) {
        await runner.query('rollback').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * One statement under `tenantId` in a single round trip — `BEGIN`, the tenant setting, the
   * statement, `COMMIT` sent together — for the paths every message takes. The parameters are
   * written into the statement as literals (only strings, numbers, booleans, dates and null);
   * a failing statement rolls back on the same connection before it goes back to the pool.
   */
  async once<T = Record<string, unknown>>(tenantId: string, sql: string, params: unknown[] = []): Promise<T[]> {
    if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${JSON.stringify(tenantId)}`);
    const statement = sql.replace(/\$(\d+)/g, (_, n: string) => {
      if (Number(n) < 1 || Number(n) > params.length) throw new Error(`TenantDb.once: no parameter $${n}`);
      return literal(params[Number(n) - 1]);
    });
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    // The pool listens for errors only on idle clients: while this one is out, a connection that
    // Postgres ends (restart, failover, pg_terminate_backend) must fail the statement, not the process.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on('error', onError);
    const release = (error?: Error) => {
      client.removeListener('error', onError);
      client.release(error ?? lost);
    };
    try {
      // Newlines around the statement: a trailing comment in it can never swallow the commit.
      const results = (await client.query(
        `begin; select set_config('app.tenant_id', '${tenantId.toLowerCase()}', true);\n${statement}\n; commit`,
      )) as unknown as { rows: T[] }[];
      release();
      return results[2].rows;
    } catch (error) {
      // A connection that cannot even roll back is destroyed, never handed to the next caller.
      await client.query('rollback').then(
        () => release(),
        (rollbackError: Error) => release(rollbackError),
      );
      throw error;
    }
  }

  /** Queries outside any tenant: only for the tenant directory and health checks. */
  unscoped<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }
}

/** A parameter as an SQL literal, for `TenantDb.once`. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return `(${String(value)})`;
  }
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (typeof value === 'string') return escapeLiteral(value);
  throw new Error(`TenantDb.once takes strings, numbers, booleans, dates and null, not ${typeof value}`);
}
