import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A OneRoster course, optionally of a school (migration roster). */
@Entity({ name: 'courses' })
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'source_id' }) sourceId!: string;
  @Column('text') title!: string;
  @Column('text', { name: 'course_code', nullable: true }) courseCode!: string | null;
  @Column('uuid', { name: 'school_id', nullable: true }) schoolId!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
