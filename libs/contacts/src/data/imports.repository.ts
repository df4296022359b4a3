import { queryOne } from '@porchlight/database';
import { EntityManager, In } from 'typeorm';
import { FileEncoding, ImportFileEntity } from './import-file.entity';
import { ImportFileChunkEntity } from './import-file-chunk.entity';
import { ImportEntity, ImportKind, ImportProgressJson, RowIssue } from './import.entity';

/** Roster imports, their files and the files' chunks by key, on the tenant-scoped manager of `TenantDb.tx`. */

export type NewImport = Pick<ImportEntity, 'tenantId' | 'kind' | 'options' | 'createdBy'>;

/** Writes a queued import; returns its id. */
export async function insertImport(m: EntityManager, row: NewImport): Promise<string> {
  const { identifiers } = await m.insert(ImportEntity, row);
  const [{ id }] = identifiers as { id: string }[];
  return id;
}

export function findImport(m: EntityManager, id: string): Promise<ImportEntity | null> {
  return m.findOneBy(ImportEntity, { id });
}

/**
 * Takes a queued import (or one a run cut short left `running`) to run it from the start, its
 * counts and issues cleared; undefined when it is done already.
 */
export function claimImport(m: EntityManager, id: string): Promise<Pick<ImportEntity, 'kind' | 'options'> | undefined> {
  return queryOne<{ kind: ImportKind; options: ImportEntity['options'] }>(
    m,
    `update imports set status = 'running', started_at = now(), created = 0, updated = 0, unchanged = 0, rejected = 0, deleted = 0,
       errors = '[]', warnings = '[]', progress = '{}'
     where id = $1 and status in ('queued', 'running')
     returning kind, options`,
    [id],
  );
}

export interface ImportProgress {
  counts: Pick<ImportEntity, 'created' | 'updated' | 'unchanged' | 'rejected' | 'deleted'>;
  errors: RowIssue[];
  warnings: RowIssue[];
  progress: ImportProgressJson;
}

export async function saveImportProgress(m: EntityManager, id: string, report: ImportProgress): Promise<void> {
  await m.update(ImportEntity, { id }, { ...report.counts, errors: report.errors, warnings: report.warnings, progress: report.progress });
}

/** Ends an import: completed, or failed with the reason. */
export async function finishImport(m: EntityManager, id: string, failure: string | null): Promise<void> {
  await m.update(ImportEntity, { id }, { status: failure === null ? 'completed' : 'failed', failure, finishedAt: () => 'now()' });
}

/** Fails an import still queued or running; a finished one stays as it ended. */
export async function failUnfinishedImport(m: EntityManager, id: string, failure: string): Promise<void> {
  await m.update(ImportEntity, { id, status: In(['queued', 'running']) }, { status: 'failed', failure, finishedAt: () => 'now()' });
}

/** Writes an uploaded file's row, before its bytes; returns its id. */
export async function insertImportFile(m: EntityManager, file: Pick<ImportFileEntity, 'tenantId' | 'importId' | 'name'>): Promise<string> {
  const { identifiers } = await m.insert(ImportFileEntity, { ...file, encoding: 'utf-8' });
  const [{ id }] = identifiers as { id: string }[];
  return id;
}

/** A file's size and encoding, once every byte is stored. */
export async function completeImportFile(m: EntityManager, id: string, size: number, encoding: FileEncoding): Promise<void> {
  await m.update(ImportFileEntity, { id }, { size: String(size), encoding });
}

export function importFiles(m: EntityManager, importId: string): Promise<ImportFileEntity[]> {
  return m.find(ImportFileEntity, { where: { importId }, order: { name: 'ASC' } });
}

/** The files have served their purpose once an import completes; the report stays. */
export async function deleteImportFiles(m: EntityManager, importId: string): Promise<void> {
  await m.delete(ImportFileEntity, { importId });
}

export async function insertImportFileChunk(m: EntityManager, chunk: Pick<ImportFileChunkEntity, 'tenantId' | 'fileId' | 'seq' | 'data'>): Promise<void> {
  await m.insert(ImportFileChunkEntity, chunk);
}

/** The bytes of a file's chunk `seq`, or undefined past its last. */
export async function importFileChunk(m: EntityManager, fileId: string, seq: number): Promise<Buffer | undefined> {
  const chunk = await m.findOne(ImportFileChunkEntity, { select: { fileId: true, seq: true, data: true }, where: { fileId, seq } });
  return chunk?.data;
}
