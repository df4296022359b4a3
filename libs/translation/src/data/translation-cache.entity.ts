import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An engine's output (`translation_cache`), keyed by the hash of the exact text sent, placeholders in. */
@Entity({ name: 'translation_cache' })
export class TranslationCacheEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('text', { name: 'source_language' }) sourceLanguage!: string;
  @PrimaryColumn('text') language!: string;
  @PrimaryColumn('text', { name: 'text_hash' }) textHash!: string;
  @Column('text') translated!: string;
  @Column('text') provider!: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
