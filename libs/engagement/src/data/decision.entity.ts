import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionStatus, LoopAudience } from '../decisions/decision.types';

/** What a district decided, for which schools (none: the whole district), and its "you said, we did" notice. */
@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') title!: string;
  @Column('text') question!: string;
  @Column('text') language!: string;
  @Column('uuid', { name: 'school_ids', array: true, default: () => `'{}'` }) schoolIds!: string[];
  @Column('text', { default: 'gathering' }) status!: DecisionStatus;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('text', { nullable: true }) rationale!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('uuid', { name: 'loop_notice_id', nullable: true }) loopNoticeId!: string | null;
  @Column('text', { name: 'loop_audience', nullable: true }) loopAudience!: LoopAudience | null;
  @Column('timestamptz', { name: 'communicated_at', nullable: true }) communicatedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
