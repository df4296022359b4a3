import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SurveyAnswerKind = 'answer' | 'text' | 'comment';

/** One answer read from a family's reply (its message), counted or not (after the survey closed). */
@Entity({ name: 'survey_answers' })
export class SurveyAnswerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'survey_id' }) surveyId!: string;
  @Column('uuid', { name: 'recipient_id' }) recipientId!: string;
  @Column('text') phone!: string;
  @Column('text', { name: 'question_key' }) questionKey!: string;
  @Column('uuid', { name: 'message_id' }) messageId!: string;
  @Column('text') kind!: SurveyAnswerKind;
  @Column('text', { name: 'option_key', nullable: true }) optionKey!: string | null;
  /** numeric: Postgres hands it back as a string. */
  @Column('numeric', { nullable: true }) value!: string | null;
  @Column('real', { nullable: true }) confidence!: number | null;
  @Column('text', { name: 'matched_by', nullable: true }) matchedBy!: string | null;
  @Column('boolean') counted!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
