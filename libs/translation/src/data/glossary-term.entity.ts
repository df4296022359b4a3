import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A district's glossary term (`glossary_terms`): kept as written, or with a fixed translation per language. */
@Entity({ name: 'glossary_terms' })
export class GlossaryTermEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') term!: string;
  @Column('jsonb', { default: () => `'{}'` }) translations!: Record<string, string>;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
