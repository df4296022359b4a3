import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RecipientStatus = 'waiting' | 'asking' | 'done' | 'stopped' | 'closed' | 'suppressed';

/** One phone of a survey's audience and where it stands; at most one survey `asking` a phone. */
@Entity({ name: 'survey_recipients' })
export class SurveyRecipientEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'survey_id' }) surveyId!: string;
  @Column('text') phone!: string;
  @Column('uuid', { name: 'contact_ids', array: true, default: () => `'{}'` }) contactIds!: string[];
  @Column('text') language!: string;
  @Column('uuid', { name: 'school_ids', array: true, default: () => `'{}'` }) schoolIds!: string[];
  @Column('text', { array: true, default: () => `'{}'` }) grades!: string[];
  @Column('text', { array: true, default: () => `'{}'` }) roles!: string[];
  @Column('text') status!: RecipientStatus;
  @Column('text', { name: 'suppressed_reason', nullable: true }) suppressedReason!: string | null;
  @Column('text', { name: 'question_key', nullable: true }) questionKey!: string | null;
  @Column('boolean', { name: 'asked_again', default: false }) askedAgain!: boolean;
  /** A message of the survey reached the phone (a status callback said delivered). */
  @Column('boolean', { default: false }) delivered!: boolean;
  /** The phone has a counted answer (a `survey_latest_answers` row), set as the answer is stored. */
  @Column('boolean', { default: false }) responded!: boolean;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'reminded_at', nullable: true }) remindedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
