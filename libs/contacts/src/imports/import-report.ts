import { EntityManager } from 'typeorm';
import { FileProgress, ImportCounts, ImportProgressJson, RowIssue } from '../data/import.entity';
import { saveImportProgress } from '../data/imports.repository';

/** Reports are kept whole up to this many issues; past it only the counts go on. */
export const MAX_ISSUES = 10_000;

const zero = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, rejected: 0, deleted: 0 });

/**
 * What an import did so far: totals, totals per file, rejected rows and warnings, progress.
 * Written to the `imports` row after every batch, in the batch's own transaction.
 */
export class ImportReport {
  readonly counts = zero();
  readonly byFile: Record<string, FileProgress> = {};
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  private droppedIssues = 0;
  phase = 'starting';
  rowsRead = 0;

  private file(name: string) {
    return (this.byFile[name] ??= { ...zero(), rowsRead: 0, skipped: 0 });
  }

  add(file: string, counts: Partial<ImportCounts>): void {
    const own = this.file(file);
    for (const [key, n] of Object.entries(counts) as [keyof ImportCounts, number][]) {
      this.counts[key] += n;
      own[key] += n;
    }
  }

  read(file: string, rows = 1): void {
    this.file(file).rowsRead += rows;
    this.rowsRead += rows;
  }

  skipped(file: string): void {
    this.file(file).skipped += 1;
  }

  /** A row that was not applied. */
  reject(issue: RowIssue): void {
    this.add(issue.file, { rejected: 1 });
    this.push(this.errors, issue);
  }

  /** A row applied with something left out or defaulted, or a reference that went nowhere. */
  warn(issue: RowIssue): void {
    this.push(this.warnings, issue);
  }

  private push(list: RowIssue[], issue: RowIssue): void {
    if (list.length < MAX_ISSUES) list.push(issue);
    else this.droppedIssues += 1;
  }

  progress(): ImportProgressJson {
    return { phase: this.phase, rowsRead: this.rowsRead, files: this.byFile, ...(this.droppedIssues ? { issuesNotListed: this.droppedIssues } : {}) };
  }

  async save(m: EntityManager, importId: string): Promise<void> {
    await saveImportProgress(m, importId, { counts: this.counts, errors: this.errors, warnings: this.warnings, progress: this.progress() });
  }
}
