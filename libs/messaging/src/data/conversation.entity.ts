import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One thread per family phone (migrations foundation, translation, manual-assignment). */
@Entity({ name: 'conversations' })
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') phone!: string;
  @Column('uuid', { name: 'contact_id', nullable: true }) contactId!: string | null;
  @Column('uuid', { name: 'assigned_user_id', nullable: true }) assignedUserId!: string | null;
  @Column('boolean', { name: 'assigned_manually', default: false }) assignedManually!: boolean;
  @Column('uuid', { name: 'school_id', nullable: true }) schoolId!: string | null;
  @Column('text', { name: 'suggested_language', nullable: true }) suggestedLanguage!: string | null;
  @Column('integer', { name: 'unread_count', default: 0 }) unreadCount!: number;
  @Column('timestamptz', { name: 'last_message_at', default: () => 'now()' }) lastMessageAt!: Date;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
