import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FileEncoding = 'utf-8' | 'windows-1252';

/** One uploaded file of an import, with its detected encoding (migration roster). */
@Entity({ name: 'import_files' })
export class ImportFileEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'import_id' }) importId!: string;
  @Column('text') name!: string;
  @Column('text') encoding!: FileEncoding;
  /** Bytes; a Postgres `bigint`, which the driver hands over as a string. */
  @Column('bigint', { default: 0 }) size!: string;
}
