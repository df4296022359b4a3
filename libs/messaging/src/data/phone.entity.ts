import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a district knows of one phone: its consent and whether it can receive SMS (migration foundation). */
@Entity({ name: 'phones' })
export class PhoneEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('text') phone!: string;
  @Column('timestamptz', { name: 'opted_out_at', nullable: true }) optedOutAt!: Date | null;
  @Column('text', { name: 'invalid_reason', nullable: true }) invalidReason!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
