import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One stored piece (1 MiB, the last one shorter) of an export's zip (`export_chunks`). */
@Entity({ name: 'export_chunks' })
export class ExportChunkEntity {
  @PrimaryColumn('uuid', { name: 'export_id' }) exportId!: string;
  @PrimaryColumn('int') seq!: number;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('bytea') data!: Buffer;
}
