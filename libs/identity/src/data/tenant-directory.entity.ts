import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `tenant_directory`: what is read before a tenant is known (login slug, webhook account and
 * number). No row-level security and no personal data; a trigger on `tenants` keeps it in step.
 */
@Entity({ name: 'tenant_directory' })
export class TenantDirectoryEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') slug!: string;
  @Column('text', { name: 'sms_account_sid' }) smsAccountSid!: string;
  @Column('text', { name: 'sms_from_number', nullable: true }) smsFromNumber!: string | null;
}
