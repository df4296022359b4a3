import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A guardian–student link (migration foundation). */
@Entity({ name: 'contact_students' })
export class ContactStudentEntity {
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'contact_id' }) contactId!: string;
  @PrimaryColumn('uuid', { name: 'student_id' }) studentId!: string;
}
