import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SurveyAnswerKind } from './survey-answer.entity';

/**
 * A recipient's latest counted answer to a question (before the survey's `closesAt`), what results
 * count: upserted with each answer stored (`insertAnswer`), a later one replacing it.
 */
@Entity({ name: 'survey_latest_answers' })
export class SurveyLatestAnswerEntity {
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'survey_id' }) surveyId!: string;
  @PrimaryColumn('uuid', { name: 'recipient_id' }) recipientId!: string;
  @Column('text') phone!: string;
  @PrimaryColumn('text', { name: 'question_key' }) questionKey!: string;
  @Column('uuid', { name: 'answer_id' }) answerId!: string;
  @Column('uuid', { name: 'message_id' }) messageId!: string;
  @Column('text') kind!: SurveyAnswerKind;
  @Column('text', { name: 'option_key', nullable: true }) optionKey!: string | null;
  /** numeric: Postgres hands it back as a string. */
  @Column('numeric', { nullable: true }) value!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
