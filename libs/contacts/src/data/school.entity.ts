import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A OneRoster org: a school, or the district itself (migrations foundation and roster). */
@Entity({ name: 'schools' })
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'source_id', nullable: true }) sourceId!: string | null;
  @Column('text', { default: 'school' }) kind!: 'school' | 'district';
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
