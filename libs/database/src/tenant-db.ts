import { Pool } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { TenantContext } from '@porchlight/tenancy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FUNCTION_NAME = /^[a-z_][a-z0-9_]*$/;

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
      joinTransaction(runner, true);
      let result: T;
      try {
        result = await work(runner.manager);
      } catch (error) {
        joinTransaction(runner, false);
        await runner.query('rollback').catch(() => undefined);
        throw error;
      }
      joinTransaction(runner, false);
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
      joinTransaction(runner, true);
      try {
        const result = await work(runner.manager);
        joinTransaction(runner, false);
        await runner.query('commit');
        return result;
      } catch (error) {
        joinTransaction(runner, false);
        await runner.query('rollback').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * One call of a database function that scopes itself, for the paths every message takes: the
   * function takes the tenant id first, sets `app.tenant_id` with `set_config(..., true)` and runs
   * as the caller (never SECURITY DEFINER), so row-level security applies. The call is one
   * parameterised statement in its own implicit transaction — one round trip — and the setting
   * ends with it. `fn` is a function's name (checked), the arguments are bind parameters.
   */
  async call<Row extends object>(fn: string, tenantId: string, args: readonly unknown[] = []): Promise<Row[]> {
    if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${JSON.stringify(tenantId)}`);
    if (!FUNCTION_NAME.test(fn)) throw new Error(`not a function name: ${JSON.stringify(fn)}`);
    const placeholders = [tenantId, ...args].map((_, i) => `$${String(i + 1)}`).join(', ');
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    // The pool listens for errors only on idle clients: while this one is out, a connection that
    // Postgres ends (restart, failover, pg_terminate_backend) must fail the statement, not the process.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      const result = await client.query<Row>(`select * from ${fn}(${placeholders})`, [tenantId.toLowerCase(), ...args]);
      return result.rows;
    } catch (error: unknown) {
      // A failed statement has rolled its implicit transaction back; a lost connection is destroyed.
      lost ??= isConnectionError(error) ? error : undefined;
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(lost);
    }
  }

  /** Queries outside any tenant: only for the tenant directory and health checks. */
  unscoped<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }
}

/**
 * Tells TypeORM whether the runner is inside the transaction begun by hand above (`begin` and the
 * tenant setting travel in one round trip, which `startTransaction` cannot do). Without it, TypeORM
 * believes no transaction is open: `save()` and `remove()` would open and commit their own, which
 * commits ours early and drops the tenant setting for what follows, and pessimistic locks refuse to
 * run. Joined, `save()` runs inside ours and a nested `transaction()` takes a savepoint.
 */
function joinTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

/** An error that leaves the connection unusable (it ended, or was never there). */
function isConnectionError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // Class 57P (operator intervention: admin_shutdown, crash_shutdown …) and 08 (connection exception), or no SQLSTATE at all.
  return typeof code !== 'string' || code.startsWith('57P') || code.startsWith('08');
}
