import { TranslationStatus } from '@porchlight/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SurveyTextOrigin = 'catalog' | 'memory' | 'machine' | 'human';

/** One text of a survey in one language: `intro`, `q.<key>` or `q.<key>.o.<option>`. */
@Entity({ name: 'survey_texts' })
export class SurveyTextEntity {
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'survey_id' }) surveyId!: string;
  @PrimaryColumn('text') language!: string;
  @PrimaryColumn('text') unit!: string;
  @Column('text') body!: string;
  @Column('text') origin!: SurveyTextOrigin;
  @Column('text') status!: Exclude<TranslationStatus, 'missing'>;
  @Column('text', { nullable: true }) provider!: string | null;
  @Column('text', { name: 'review_reason', nullable: true }) reviewReason!: string | null;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
