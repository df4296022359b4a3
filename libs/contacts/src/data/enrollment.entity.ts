import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A student in a section (staff enrollments are not kept; migration roster). */
@Entity({ name: 'enrollments' })
export class EnrollmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'source_id' }) sourceId!: string;
  @Column('uuid', { name: 'section_id' }) sectionId!: string;
  @Column('uuid', { name: 'student_id' }) studentId!: string;
  /** `YYYY-MM-DD`. */
  @Column('date', { name: 'begin_date', nullable: true }) beginDate!: string | null;
  @Column('date', { name: 'end_date', nullable: true }) endDate!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
