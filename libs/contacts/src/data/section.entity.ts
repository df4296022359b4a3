import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A OneRoster class: a section of a course in a school, for some grades and terms (migration roster). */
@Entity({ name: 'sections' })
export class SectionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'source_id' }) sourceId!: string;
  @Column('uuid', { name: 'school_id' }) schoolId!: string;
  @Column('uuid', { name: 'course_id', nullable: true }) courseId!: string | null;
  @Column('text') title!: string;
  @Column('text', { name: 'class_code', nullable: true }) classCode!: string | null;
  @Column('text', { array: true, default: () => `'{}'` }) grades!: string[];
  /** The `academic_sessions` it runs in. */
  @Column('uuid', { name: 'session_ids', array: true, default: () => `'{}'` }) sessionIds!: string[];
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
