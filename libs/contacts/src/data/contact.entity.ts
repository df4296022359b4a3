import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ContactRole = 'parent' | 'guardian' | 'relative';
export type LanguageSource = 'roster' | 'family' | 'staff';
export type PhoneSource = 'roster' | 'staff';
export type Consent = 'implied' | 'express' | 'revoked';

/**
 * A family member: names, the one phone that reaches them and where it came from, the language
 * they read and who chose it, consent, time zone; `erasedAt` once their personal data is erased
 * (migrations foundation, delivery, roster, phone-source).
 */
@Entity({ name: 'contacts' })
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text', { name: 'given_name', nullable: true }) givenName!: string | null;
  @Column('text', { name: 'family_name', nullable: true }) familyName!: string | null;
  /** E.164. */
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { name: 'phone_source', default: 'roster' }) phoneSource!: PhoneSource;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text') language!: string;
  @Column('text', { name: 'language_source', default: 'staff' }) languageSource!: LanguageSource;
  @Column('text', { nullable: true }) role!: ContactRole | null;
  @Column('text', { default: 'implied' }) consent!: Consent;
  @Column('text', { name: 'time_zone', nullable: true }) timeZone!: string | null;
  @Column('text', { name: 'source_id', nullable: true }) sourceId!: string | null;
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
