import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ImportKind = 'oneroster' | 'csv';
export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

/** A row an import could not take, or took with a caveat. */
export interface RowIssue {
  file: string;
  row: number;
  field: string;
  message: string;
}

/** How far an import got: its phase, rows read, counts per file, issues past those listed. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  deleted: number;
}

export interface FileProgress extends ImportCounts {
  rowsRead: number;
  skipped: number;
}

/** How far an import got: its phase, rows read, counts per file, issues past those listed (`{}` while queued). */
export interface ImportProgressJson {
  phase?: string;
  rowsRead?: number;
  files?: Record<string, FileProgress>;
  issuesNotListed?: number;
}

/** One roster import: its kind, status, counts, row issues and progress (migration roster). */
@Entity({ name: 'imports' })
export class ImportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') kind!: ImportKind;
  @Column('text', { default: 'queued' }) status!: ImportStatus;
  @Column('jsonb', { default: () => `'{}'` }) options!: { languageColumns?: string[] };
  @Column('int', { default: 0 }) created!: number;
  @Column('int', { default: 0 }) updated!: number;
  @Column('int', { default: 0 }) unchanged!: number;
  @Column('int', { default: 0 }) rejected!: number;
  @Column('int', { default: 0 }) deleted!: number;
  @Column('jsonb', { default: () => `'[]'` }) errors!: RowIssue[];
  @Column('jsonb', { default: () => `'[]'` }) warnings!: RowIssue[];
  @Column('jsonb', { default: () => `'{}'` }) progress!: ImportProgressJson;
  @Column('text', { nullable: true }) failure!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
