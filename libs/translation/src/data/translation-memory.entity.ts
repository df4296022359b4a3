import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An approved human translation of a whole text (`translation_memory`), keyed by the hash of its normalised source. */
@Entity({ name: 'translation_memory' })
export class TranslationMemoryEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('text', { name: 'source_language' }) sourceLanguage!: string;
  @PrimaryColumn('text') language!: string;
  @PrimaryColumn('text', { name: 'source_hash' }) sourceHash!: string;
  @Column('text', { name: 'source_text' }) sourceText!: string;
  @Column('text') body!: string;
  @Column('uuid', { name: 'approved_by', nullable: true }) approvedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
