import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TranslationOrigin } from '@porchlight/contracts';

/** One language's text of a notice (`notice_translations`): who or what wrote it, and whether it waits for review. */
@Entity({ name: 'notice_translations' })
export class NoticeTranslationEntity {
  @PrimaryColumn('uuid', { name: 'notice_id' }) noticeId!: string;
  @PrimaryColumn('text') language!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') body!: string;
  @Column('text') origin!: TranslationOrigin;
  @Column('text') status!: 'ready' | 'needs_review';
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  /** The engine that wrote a machine translation. */
  @Column('text', { nullable: true }) provider!: string | null;
  @Column('text', { name: 'review_reason', nullable: true }) reviewReason!: string | null;
  /** An emergency's catalog line in the language before the source text. */
  @Column('boolean', { default: false }) fallback!: boolean;
}
