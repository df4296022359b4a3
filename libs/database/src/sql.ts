import { EntityManager } from 'typeorm';

/**
 * The rows of one SQL statement, typed by the caller's row interface: a select's rows, or what an
 * `insert`, `update` or `delete ... returning` gives back (TypeORM's `query` answers those with
 * `[rows, count]`; the structured result used here has the rows either way).
 *
 * For set-based statements (audiences, fan-out, bulk upserts, batched status writes) and reports;
 * a single row by its key goes through the owning domain's repository instead. The statement must
 * run on a transaction-bound manager (`TenantDb.tx`), so row-level security applies.
 */
export async function query<Row extends object>(m: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  if (!m.queryRunner) throw new Error('query() needs a transaction-bound EntityManager (TenantDb.tx)');
  const result = await m.queryRunner.query(text, [...params], true);
  return result.records as Row[];
}

/** The one row a statement gives back, or `undefined` when it gave none. */
export async function queryOne<Row extends object>(m: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  const [row] = await query<Row>(m, text, params);
  return row;
}

/**
 * Settings for one heavy read (a report, an export) in the current transaction, which ends them
 * (`set_config(…, true)`): room to hash and sort a few hundred thousand rows in memory (with the
 * default 4 MB they go to temporary files), and no JIT compilation (100+ ms that one pass over such
 * rows does not win back).
 */
export const HEAVY_READ_SETTINGS_SQL = `select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`;

export async function useHeavyReadSettings(m: EntityManager): Promise<void> {
  await query(m, HEAVY_READ_SETTINGS_SQL);
}

/** Whether `error` is Postgres refusing a duplicate key (`23505`), as TypeORM's `QueryFailedError` or `pg` reports it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
