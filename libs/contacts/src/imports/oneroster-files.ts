import { EntityManager } from 'typeorm';
import { CsvRow } from './csv-reader';
import { StoredFile } from './import-files';
import { ImportRun, inBatches } from './import-run';
import { SourcedTable, upsertBySourceId, UpsertColumn, UpsertOutcome } from './upsert';

/** The OneRoster 1.1 CSV files Porchlight reads, lower-cased; others in a bundle are ignored. */
export const ONEROSTER_FILES = [
  'manifest.csv',
  'orgs.csv',
  'academicsessions.csv',
  'courses.csv',
  'classes.csv',
  'users.csv',
  'demographics.csv',
  'enrollments.csv',
] as const;

/** A record marked `tobedeleted`, set aside until everything else is applied. */
export interface Deletion {
  sid: string;
  row: number;
  file: string;
}

export type Deletions = Record<'schools' | 'academic_sessions' | 'courses' | 'sections' | 'enrollments' | 'users', Deletion[]>;

/** A row's sourcedId, or the reason it has none usable; tracks duplicates within a file. */
export function sourcedIdOf(run: ImportRun, file: string, row: CsvRow, seen: Map<string, number>): string | undefined {
  const sid = row.values.sourcedid;
  if (!sid) {
    run.report.reject({ file, row: row.row, field: 'sourcedId', message: 'sourcedId is required' });
    return undefined;
  }
  const first = seen.get(sid);
  if (first !== undefined) {
    run.report.reject({ file, row: row.row, field: 'sourcedId', message: `sourcedId "${sid}" already appears on row ${first.toString()}` });
    return undefined;
  }
  seen.set(sid, row.row);
  return sid;
}

export const isToBeDeleted = (row: CsvRow) => row.values.status?.toLowerCase() === 'tobedeleted';

/**
 * The rows of one bundle file, in batches, each counted as read: a row without a usable sourcedId
 * (missing, or repeated in the file) is rejected, a `tobedeleted` one set aside for the end, and
 * the rest handed to `accept` with their sourcedId.
 */
export async function eachRecord<T>(
  run: ImportRun,
  file: StoredFile,
  deletions: Deletion[],
  accept: (row: CsvRow, sid: string) => T | null,
  flush: (items: T[]) => Promise<void>,
): Promise<void> {
  run.report.phase = file.name;
  const seen = new Map<string, number>();
  await inBatches(
    run.rows(file),
    (row) => {
      run.report.read(file.name);
      const sid = sourcedIdOf(run, file.name, row, seen);
      if (!sid) return null;
      if (!isToBeDeleted(row)) return accept(row, sid);
      deletions.push({ sid, row: row.row, file: file.name });
      return null;
    },
    flush,
  );
}

/** Upserts a batch of records keyed by their sourcedId. */
export function upsert(m: EntityManager, run: ImportRun, table: SourcedTable, batch: { sid: string }[], columns: UpsertColumn[]): Promise<UpsertOutcome> {
  if (batch.length === 0) return Promise.resolve({ created: 0, updated: 0, unchanged: 0 });
  return upsertBySourceId(
    m,
    run.tenantId,
    table,
    batch.map((i) => i.sid),
    columns,
  );
}
