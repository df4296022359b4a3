import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The consent ledger: one row per opt-out or opt-in, with its source (migration foundation). */
@Entity({ name: 'consent_events' })
export class ConsentEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') phone!: string;
  @Column('text') action!: 'opt_out' | 'opt_in';
  @Column('text') source!: 'keyword' | 'provider' | 'staff' | 'import';
  @Column('uuid', { name: 'message_id', nullable: true }) messageId!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
