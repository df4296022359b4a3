import { EntityManager } from 'typeorm';

/**
 * Rows of any statement, `update ... returning` included (TypeORM's `query` answers those with
 * `[rows, count]`, selects with `rows`).
 */
export async function rows<T = any>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (!m.queryRunner) throw new Error('rows() needs a transaction-bound EntityManager');
  const result = await m.queryRunner.query(sql, params, true);
  return result.records as T[];
}
