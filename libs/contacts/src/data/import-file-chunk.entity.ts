import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One 1 MiB piece of an uploaded file, in order (migration roster). */
@Entity({ name: 'import_file_chunks' })
export class ImportFileChunkEntity {
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'file_id' }) fileId!: string;
  @PrimaryColumn('int') seq!: number;
  @Column('bytea') data!: Buffer;
}
