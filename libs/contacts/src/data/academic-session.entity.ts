import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A OneRoster academic session: a term, semester or school year (migration roster). */
@Entity({ name: 'academic_sessions' })
export class AcademicSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'source_id' }) sourceId!: string;
  @Column('text') title!: string;
  @Column('text') type!: string;
  /** `YYYY-MM-DD`. */
  @Column('date', { name: 'start_date', nullable: true }) startDate!: string | null;
  @Column('date', { name: 'end_date', nullable: true }) endDate!: string | null;
  @Column('text', { name: 'parent_source_id', nullable: true }) parentSourceId!: string | null;
  @Column('text', { name: 'school_year', nullable: true }) schoolYear!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
