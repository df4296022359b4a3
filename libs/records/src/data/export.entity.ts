import { Column, Entity, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';
import { ExportCounts } from '../exports/export-tables';

export type ExportStatus = 'queued' | 'running' | 'completed' | 'failed';

/** `bigint` arrives from Postgres as text; a zip's size stays far below 2^53 bytes. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number) => Number(value),
};

/** One district export (`exports`): who asked, how far its build got, its one download. */
@Entity({ name: 'exports' })
export class ExportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'requested_by' }) requestedBy!: string;
  @Column('text') status!: ExportStatus;
  /** Rows per file, once completed. */
  @Column('jsonb') counts!: ExportCounts;
  /** Bytes of the zip, once completed. */
  @Column('bigint', { transformer: bigintAsNumber }) size!: number;
  @Column('text', { nullable: true }) failure!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  /** Its one download was claimed. */
  @Column('timestamptz', { name: 'downloaded_at', nullable: true }) downloadedAt!: Date | null;
  /** Its stored bytes were deleted. */
  @Column('timestamptz', { name: 'purged_at', nullable: true }) purgedAt!: Date | null;
}
