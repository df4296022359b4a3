import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of a district's audit log (`audit_log`): the application role may only append and read. */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** `bigint generated always as identity`, read as a string; ids grow with every entry. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'subject_type', nullable: true }) subjectType!: string | null;
  @Column('text', { name: 'subject_id', nullable: true }) subjectId!: string | null;
  @Column('jsonb', { default: () => `'{}'` }) data!: Record<string, unknown>;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
