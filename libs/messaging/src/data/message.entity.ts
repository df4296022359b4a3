import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MessageDirection = 'outbound' | 'inbound';
export type MessageKind = 'notice' | 'reply' | 'system' | 'inbound' | 'survey';

/** Every SMS, both directions (migrations foundation, delivery, translation, records, reach, surveys …). */
@Entity({ name: 'messages' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'notice_id', nullable: true }) noticeId!: string | null;
  @Column('text') direction!: MessageDirection;
  @Column('text') kind!: MessageKind;
  @Column('text') phone!: string;
  @Column('uuid', { name: 'contact_ids', array: true, default: () => `'{}'` }) contactIds!: string[];
  @Column('text', { nullable: true }) language!: string | null;
  @Column('text') body!: string;
  @Column('text') status!: string;
  @Column('integer', { name: 'error_code', nullable: true }) errorCode!: number | null;
  @Column('text', { name: 'error_message', nullable: true }) errorMessage!: string | null;
  @Column('text', { name: 'provider_sid', nullable: true }) providerSid!: string | null;
  @Column('text', { name: 'provider_sid_history', array: true, default: () => `'{}'` }) providerSidHistory!: string[];
  @Column('uuid', { name: 'author_user_id', nullable: true }) authorUserId!: string | null;
  @Column('uuid', { name: 'reply_to_id', nullable: true }) replyToId!: string | null;
  @Column('integer', { default: 0 }) attempts!: number;
  @Column('integer', { name: 'unreachable_attempts', default: 0 }) unreachableAttempts!: number;
  /** The `message.send-batch` job fan-out enqueued the row in (see jobId.sendBatch); null for messages sent one by one. */
  @Column('text', { name: 'batch_job_id', nullable: true }) batchJobId!: string | null;
  @Column('timestamptz', { name: 'send_after', nullable: true }) sendAfter!: Date | null;
  @Column('timestamptz', { name: 'claimed_at', nullable: true }) claimedAt!: Date | null;
  @Column('timestamptz', { name: 'processed_at', nullable: true }) processedAt!: Date | null;
  @Column('text', { name: 'translated_body', nullable: true }) translatedBody!: string | null;
  @Column('text', { name: 'translated_language', nullable: true }) translatedLanguage!: string | null;
  @Column('timestamptz', { name: 'translate_requested_at', nullable: true }) translateRequestedAt!: Date | null;
  @Column('text', { name: 'untranslated_reason', nullable: true }) untranslatedReason!: string | null;
  @Column('timestamptz', { name: 'body_erased_at', nullable: true }) bodyErasedAt!: Date | null;
  @Column('text', { name: 'body_erased_by', nullable: true }) bodyErasedBy!: 'retention' | 'erasure' | null;
  @Column('text', { nullable: true }) intent!: 'reply' | 'keyword' | 'language' | null;
  @Column('uuid', { name: 'survey_id', nullable: true }) surveyId!: string | null;
  @Column('text', { name: 'survey_step', nullable: true }) surveyStep!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
