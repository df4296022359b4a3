import { Audience } from '@porchlight/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SurveyQuestion, SurveyStatus } from '../surveys/survey.types';

/** A survey by SMS: its questions, audience and where it stands (migration 1733800000000). */
@Entity({ name: 'surveys' })
export class SurveyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'author_user_id', nullable: true }) authorUserId!: string | null;
  @Column('text') title!: string;
  @Column('text', { name: 'source_language' }) sourceLanguage!: string;
  @Column('jsonb') audience!: Audience;
  @Column('text', { nullable: true }) intro!: string | null;
  @Column('jsonb') questions!: SurveyQuestion[];
  @Column('timestamptz', { name: 'closes_at', nullable: true }) closesAt!: Date | null;
  /** When a survey sent for later opens (migration 1734400000000); null: as soon as its texts are ready. */
  @Column('timestamptz', { name: 'scheduled_at', nullable: true }) scheduledAt!: Date | null;
  @Column('uuid', { name: 'decision_id', nullable: true }) decisionId!: string | null;
  @Column('integer', { name: 'reminder_after_seconds', nullable: true }) reminderAfterSeconds!: number | null;
  @Column('text', { default: 'draft' }) status!: SurveyStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason!: string | null;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('timestamptz', { name: 'send_requested_at', nullable: true }) sendRequestedAt!: Date | null;
  /** When its texts were found ready and its fan-out job asked for (migration 1734500000000); null until then, and again when sent anew. */
  @Column('timestamptz', { name: 'prepared_at', nullable: true }) preparedAt!: Date | null;
  @Column('timestamptz', { name: 'opened_at', nullable: true }) openedAt!: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
