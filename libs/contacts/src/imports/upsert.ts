import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/** The tables an import writes, each keyed by `(tenant_id, source_id)`. */
export type SourcedTable = 'schools' | 'students' | 'academic_sessions' | 'courses' | 'sections' | 'enrollments' | 'contacts';

export interface UpsertColumn {
  name: string;
  /** Postgres type of the array element passed for this column (`text`, `uuid`, `date`). */
  type: string;
  values: unknown[];
  /** Expression over `x.<name>` giving the stored value (default `x.<name>`). */
  select?: string;
  /** Expression for the new value on conflict (default `excluded.<name>`); `null`: never updated. */
  update?: string | null;
}

export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/** A family contact as both importers write it. */
export interface FamilyContactRow {
  given: string | null;
  family: string | null;
  phone: string | null;
  email: string | null;
  role: string;
  language: string;
}

/**
 * The columns of family contacts for `upsertBySourceId`. What a family or staff chose outlives the
 * next roster import: a language they picked, and a phone staff corrected by hand.
 */
export function familyContactColumns(rows: FamilyContactRow[]): UpsertColumn[] {
  const keptUnless = (column: string, source: string) => `case when contacts.${source} = 'roster' then excluded.${column} else contacts.${column} end`;
  return [
    { name: 'given_name', type: 'text', values: rows.map((r) => r.given) },
    { name: 'family_name', type: 'text', values: rows.map((r) => r.family) },
    { name: 'phone', type: 'text', values: rows.map((r) => r.phone), update: keptUnless('phone', 'phone_source') },
    { name: 'email', type: 'text', values: rows.map((r) => r.email) },
    { name: 'role', type: 'text', values: rows.map((r) => r.role) },
    { name: 'language', type: 'text', values: rows.map((r) => r.language), update: keptUnless('language', 'language_source') },
    { name: 'language_source', type: 'text', values: rows.map(() => 'roster'), update: null },
  ];
}

/**
 * One set-based upsert of a batch keyed by `(tenant_id, source_id)`: rows pass as one array per
 * column and are unnested, so a thousand rows cost one statement. A row whose values did not
 * change is not written at all (and counts as unchanged), which keeps re-imports idempotent.
 */
export async function upsertBySourceId(
  m: EntityManager,
  tenantId: string,
  table: SourcedTable,
  sourceIds: string[],
  columns: UpsertColumn[],
): Promise<UpsertOutcome> {
  const params: unknown[] = [tenantId, sourceIds];
  const alias = ['source_id'];
  const types = ['$2::text[]'];
  for (const column of columns) {
    const n = params.push(column.values);
    alias.push(column.name);
    types.push(`$${n.toString()}::${column.type}[]`);
  }
  const names = columns.map((c) => c.name);
  const selects = columns.map((c) => c.select ?? `x.${c.name}`);
  const updated = columns.filter((c) => c.update !== null);
  const set = updated.map((c) => `${c.name} = ${c.update ?? `excluded.${c.name}`}`);
  const changed = updated.map((c) => `${table}.${c.name} is distinct from ${c.update ?? `excluded.${c.name}`}`);
  const sql = `
      insert into ${table} (tenant_id, source_id, ${names.join(', ')})
      select $1, x.source_id, ${selects.join(', ')} from unnest(${types.join(', ')}) as x(${alias.join(', ')})
      on conflict (tenant_id, source_id) do update set ${[...set, 'updated_at = now()'].join(', ')}
      where ${changed.length ? changed.join(' or ') : 'false'}
      returning (xmax = 0) as inserted`;
  const result = await query<{ inserted: boolean }>(m, sql, params);
  const created = result.filter((r) => r.inserted).length;
  return { created, updated: result.length - created, unchanged: sourceIds.length - result.length };
}
