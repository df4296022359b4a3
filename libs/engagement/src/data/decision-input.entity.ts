import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionInputKind = 'survey' | 'message' | 'note';

/** Family input a decision weighed: a survey, a quoted reply, or a note from a meeting or a call. */
@Entity({ name: 'decision_inputs' })
export class DecisionInputEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'decision_id' }) decisionId!: string;
  @Column('text') kind!: DecisionInputKind;
  @Column('uuid', { name: 'survey_id', nullable: true }) surveyId!: string | null;
  @Column('uuid', { name: 'message_id', nullable: true }) messageId!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('text', { nullable: true }) source!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
