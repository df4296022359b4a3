import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A notice: a draft, then a send (migrations foundation, delivery, catalog, notice-cancel). */
@Entity({ name: 'notices' })
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'author_user_id', nullable: true }) authorUserId!: string | null;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text') body!: string;
  @Column('text', { name: 'source_language' }) sourceLanguage!: string;
  @Column('jsonb') audience!: unknown;
  @Column('text') urgency!: 'normal' | 'urgent' | 'emergency';
  @Column('text', { default: 'draft' }) status!: 'draft' | 'translating' | 'sending' | 'sent' | 'failed' | 'canceled';
  @Column('text', { name: 'status_reason', nullable: true }) statusReason!: string | null;
  @Column('timestamptz', { name: 'scheduled_at', nullable: true }) scheduledAt!: Date | null;
  @Column('jsonb', { nullable: true }) poll!: unknown;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('jsonb', { default: {} }) suppressed!: unknown;
  @Column('timestamptz', { name: 'send_requested_at', nullable: true }) sendRequestedAt!: Date | null;
  @Column('timestamptz', { name: 'fanned_out_at', nullable: true }) fannedOutAt!: Date | null;
  @Column('boolean', { name: 'smart_encoding', default: true }) smartEncoding!: boolean;
  @Column('integer', { name: 'quiet_hours_overridden', default: 0 }) quietHoursOverridden!: number;
  @Column('text', { name: 'template_key', nullable: true }) templateKey!: string | null;
  @Column('jsonb', { name: 'template_variables', nullable: true }) templateVariables!: Record<string, string | number> | null;
  @Column('timestamptz', { name: 'canceled_at', nullable: true }) canceledAt!: Date | null;
  @Column('uuid', { name: 'canceled_by', nullable: true }) canceledBy!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
