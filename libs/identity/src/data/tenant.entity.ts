import { SmsProviderKind } from '@porchlight/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What `tenants.translation` holds: the engine and the policy for texts no engine translated. */
export interface TenantTranslationSettings {
  provider: string;
  url?: string;
  region?: string;
  /** The urgencies (or `all`) whose catalog and machine texts wait for a person. */
  requireReviewFor?: string[];
  untranslatedPolicy: 'hold' | 'send_source';
  [key: string]: unknown;
}

/** A district (`tenants`): its settings, SMS account and sealed secrets. Row-level security reads `tenant_id`, the row's own id. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('text') timezone!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('text', { name: 'default_language' }) defaultLanguage!: string;
  @Column('text', { array: true }) languages!: string[];
  /** `HH:MM:SS` as Postgres writes a `time`. */
  @Column('time', { name: 'quiet_hours_start', default: () => `'08:00'` }) quietHoursStart!: string;
  @Column('time', { name: 'quiet_hours_end', default: () => `'21:00'` }) quietHoursEnd!: string;
  @Column('text', { name: 'help_text', nullable: true }) helpText!: string | null;
  @Column('text', { name: 'help_contact', nullable: true }) helpContact!: string | null;
  @Column('text', { name: 'sms_provider' }) smsProvider!: SmsProviderKind;
  @Column('text', { name: 'sms_account_sid' }) smsAccountSid!: string;
  @Column('text', { name: 'sms_auth_token_enc' }) smsAuthTokenEnc!: string;
  @Column('text', { name: 'sms_messaging_service_sid', nullable: true }) smsMessagingServiceSid!: string | null;
  @Column('text', { name: 'sms_from_number', nullable: true }) smsFromNumber!: string | null;
  @Column('integer', { name: 'sms_messages_per_second', nullable: true }) smsMessagesPerSecond!: number | null;
  @Column('jsonb', { default: () => `'{"provider": "none", "untranslatedPolicy": "hold"}'` }) translation!: TenantTranslationSettings;
  @Column('text', { name: 'translation_secret_enc', nullable: true }) translationSecretEnc!: string | null;
  @Column('integer', { name: 'retention_message_body_days', nullable: true }) retentionMessageBodyDays!: number | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  /** `generated always as (id) stored`: never written. */
  @Column({ type: 'uuid', name: 'tenant_id', insert: false, update: false, generatedType: 'STORED', asExpression: 'id' }) tenantId!: string;
}
