import { Role } from '@porchlight/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A staff member (`users`): sign-in, role, schools, and the token generation their tokens must carry. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') email!: string;
  /** argon2id. */
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text') role!: Role;
  @Column('text', { default: 'en' }) language!: string;
  @Column('uuid', { name: 'school_ids', array: true, default: () => `'{}'` }) schoolIds!: string[];
  @Column('timestamptz', { name: 'last_login_at', nullable: true }) lastLoginAt!: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  /** False once deactivated; the row and its history stay. */
  @Column('boolean', { default: true }) active!: boolean;
  /** Bumped on a password change or a deactivation: tokens of an older version stop working. */
  @Column('integer', { name: 'token_version', default: 0 }) tokenVersion!: number;
  @Column('timestamptz', { name: 'deactivated_at', nullable: true }) deactivatedAt!: Date | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
