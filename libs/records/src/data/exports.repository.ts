import { query, queryOne } from '@porchlight/database';
import { EntityManager, In, IsNull } from 'typeorm';
import { ExportCounts } from '../exports/export-tables';
import { ExportChunkEntity } from './export-chunk.entity';
import { ExportEntity } from './export.entity';

/**
 * District exports (`exports`, `export_chunks`), row by row on the tenant-scoped manager of
 * `TenantDb.tx`; row-level security keeps every statement to the current district.
 */

const UNFINISHED = In(['queued', 'running']);
const now = () => 'now()';

/** A new export of `requestedBy`, `queued`; answers its id. */
export async function insertExport(m: EntityManager, tenantId: string, requestedBy: string): Promise<string> {
  const row = m.create(ExportEntity, { tenantId, requestedBy });
  // The insert fills in what Postgres generated (the id) on the entity it was given.
  await m.insert(ExportEntity, row);
  return row.id;
}

/** The export `id` of `requestedBy`: any other user's is not there. */
export function findExport(m: EntityManager, id: string, requestedBy: string): Promise<ExportEntity | null> {
  return m.findOneBy(ExportEntity, { id, requestedBy });
}

/** Marks an unfinished export `running` from nothing; false when it is already done. */
export async function claimExportBuild(m: EntityManager, id: string): Promise<boolean> {
  const result = await m.update(
    ExportEntity,
    { id, status: UNFINISHED },
    { status: 'running', startedAt: now, updatedAt: now, counts: {}, size: 0, failure: null },
  );
  return (result.affected ?? 0) > 0;
}

export async function completeExport(m: EntityManager, id: string, counts: ExportCounts, size: number): Promise<void> {
  await m.update(ExportEntity, { id, status: 'running' }, { status: 'completed', counts, size, finishedAt: now, updatedAt: now });
}

/** An unfinished export fails with `failure`. */
export async function failExport(m: EntityManager, id: string, failure: string): Promise<void> {
  await m.update(ExportEntity, { id, status: UNFINISHED }, { status: 'failed', failure, finishedAt: now, updatedAt: now });
}

/**
 * Claims the one download of a completed export of `requestedBy` whose bytes are still stored;
 * undefined when there is none to claim.
 */
export async function claimExportDownload(m: EntityManager, id: string, requestedBy: string): Promise<{ size: number; createdAt: Date } | undefined> {
  const result = await m
    .createQueryBuilder()
    .update(ExportEntity)
    .set({ downloadedAt: now, updatedAt: now })
    .where({ id, requestedBy, status: 'completed', downloadedAt: IsNull(), purgedAt: IsNull() })
    .returning(['size', 'createdAt'])
    .execute();
  // `returning` answers the columns as Postgres names them (`size` a bigint, as text).
  const row = (result.raw as { size: string; created_at: Date }[]).at(0);
  return row ? { size: Number(row.size), createdAt: row.created_at } : undefined;
}

/** Its bytes are gone: it can no longer be downloaded. */
export async function markExportPurged(m: EntityManager, id: string): Promise<void> {
  await m.update(ExportEntity, { id }, { purgedAt: () => 'coalesce(purged_at, now())', updatedAt: now });
}

export async function insertExportChunk(m: EntityManager, chunk: Pick<ExportChunkEntity, 'tenantId' | 'exportId' | 'seq' | 'data'>): Promise<void> {
  await m.insert(ExportChunkEntity, chunk);
}

/** The bytes of chunk `seq`, or undefined past the last one. */
export async function readExportChunk(m: EntityManager, exportId: string, seq: number): Promise<Buffer | undefined> {
  const chunk = await m.findOne(ExportChunkEntity, { select: { data: true }, where: { exportId, seq } });
  return chunk?.data;
}

/** Deletes up to `limit` of an export's chunks, the first ones first; answers how many went. */
export async function deleteExportChunkBatch(m: EntityManager, exportId: string, limit: number): Promise<number> {
  const row = await queryOne<{ count: number }>(
    m,
    `with gone as (
       delete from export_chunks where export_id = $1 and seq in (select seq from export_chunks where export_id = $1 order by seq limit $2)
       returning 1
     ) select count(*)::int as count from gone`,
    [exportId, limit],
  );
  return row?.count ?? 0;
}

/** Exports still `queued` or `running`, untouched for `staleAfterSeconds` (at most `limit`). */
export async function staleExportIds(m: EntityManager, staleAfterSeconds: number, limit: number): Promise<string[]> {
  const found = await query<{ id: string }>(
    m,
    `select id from exports where status in ('queued', 'running') and updated_at < now() - make_interval(secs => $1) limit $2`,
    [staleAfterSeconds, limit],
  );
  return found.map((row) => row.id);
}

/** Exports still unfinished `keepDays` after they were asked for are marked failed. */
export async function failOverdueExports(m: EntityManager, keepDays: number): Promise<void> {
  await query(
    m,
    `update exports set status = 'failed', failure = 'the export did not finish in time', finished_at = now(), updated_at = now()
     where status in ('queued', 'running') and created_at < now() - make_interval(days => $1)`,
    [keepDays],
  );
}

/**
 * Exports whose zip is still stored but past its use: failed, downloaded a day ago (so no download
 * is still streaming), or completed `keepDays` ago and never downloaded.
 */
export async function spentExportIds(m: EntityManager, keepDays: number): Promise<string[]> {
  const spent = await query<{ id: string }>(
    m,
    `select id from exports where purged_at is null
       and (status = 'failed' or downloaded_at < now() - interval '1 day' or (status = 'completed' and finished_at < now() - make_interval(days => $1)))`,
    [keepDays],
  );
  return spent.map((row) => row.id);
}
