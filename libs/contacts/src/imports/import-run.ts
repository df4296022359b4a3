import { TenantDb } from '@porchlight/database';
import type { CountryCode } from 'libphonenumber-js';
import { EntityManager } from 'typeorm';
import { CsvRow, readCsv } from './csv-reader';
import { readImportFile, StoredFile } from './import-files';
import { ImportCounts } from '../data/import.entity';
import { ImportReport } from './import-report';

export const BATCH_SIZE = 1000;

export interface ImportOptions {
  /** users.csv / demographics.csv columns holding the home language, lower-cased, first non-empty wins. */
  languageColumns: string[];
}

export const DEFAULT_LANGUAGE_COLUMNS = ['metadata.homelanguage', 'metadata.language', 'metadata.preferredlanguage'];

/** A row the batch refused for a reason found while applying it (an unknown reference). */
export interface BatchRejection {
  row: number;
  field: string;
  message: string;
}

export interface BatchResult extends Partial<ImportCounts> {
  rejections?: BatchRejection[];
}

/** Postgres data and constraint errors (SQLSTATE classes 22 and 23): the row is at fault, not the system. */
export function isRowError(error: unknown): error is { code: string; message: string; detail?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** One running import: its tenant, files, settings and report, and the way batches are applied. */
export class ImportRun {
  constructor(
    readonly db: TenantDb,
    readonly tenantId: string,
    readonly importId: string,
    readonly files: Map<string, StoredFile>,
    readonly country: CountryCode,
    readonly defaultLanguage: string,
    readonly options: ImportOptions,
    readonly report: ImportReport,
  ) {}

  /** The rows of one uploaded file; malformed records are reported as rejected rows. */
  rows(file: StoredFile): AsyncGenerator<CsvRow> {
    return readCsv(readImportFile(this.db, file.id), file.encoding, (problem) => {
      this.report.reject({ file: file.name, row: problem.row, field: '', message: problem.message });
    });
  }

  async saveProgress(): Promise<void> {
    await this.db.tx((m) => this.report.save(m, this.importId));
  }

  /**
   * Applies a batch in one transaction. When Postgres refuses the batch for a row's data, every
   * row is tried again alone so that only the faulty ones are rejected, each with the reason.
   */
  async apply<T extends { row: number }>(file: string, items: T[], work: (m: EntityManager, items: T[]) => Promise<BatchResult>): Promise<void> {
    if (items.length === 0) return;
    try {
      this.record(file, await this.db.tx((m) => work(m, items)));
    } catch (error) {
      if (!isRowError(error)) throw error;
      for (const item of items) {
        try {
          this.record(file, await this.db.tx((m) => work(m, [item])));
        } catch (rowError) {
          if (!isRowError(rowError)) throw rowError;
          this.report.reject({ file, row: item.row, field: '', message: describeRowError(rowError) });
        }
      }
    }
    await this.saveProgress();
  }

  private record(file: string, result: BatchResult): void {
    const { rejections, ...counts } = result;
    this.report.add(file, counts);
    for (const r of rejections ?? []) this.report.reject({ file, ...r });
  }
}

function describeRowError(error: { code: string; message: string; detail?: string }): string {
  if (error.code === '23503') return 'still referenced by other records, or refers to a record that does not exist';
  if (error.code === '23505') return 'duplicates another record';
  if (error.code.startsWith('22')) return `a value is not valid: ${error.message}`;
  return error.message;
}

/** Reads rows in batches of `BATCH_SIZE`, collecting what `accept` returns. */
export async function inBatches<T>(rows: AsyncIterable<CsvRow>, accept: (row: CsvRow) => T | null, flush: (items: T[]) => Promise<void>): Promise<void> {
  let batch: T[] = [];
  for await (const row of rows) {
    const item = accept(row);
    if (item !== null) batch.push(item);
    if (batch.length >= BATCH_SIZE) {
      await flush(batch);
      batch = [];
    }
  }
  await flush(batch);
}

/** "a, b ,c" → ["a", "b", "c"] */
export const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
