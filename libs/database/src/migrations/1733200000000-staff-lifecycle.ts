import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts can be deactivated (the row and its history stay) and their sessions revoked:
 * `token_version` is written into every access token and bumped when the password changes or the
 * account is deactivated, so every token issued before stops working. The audit log is read
 * newest first, filtered by action or actor.
 */
export class StaffLifecycle1733200000000 implements MigrationInterface {
  name = 'StaffLifecycle1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table users
        add column active boolean not null default true,
        add column token_version integer not null default 0,
        add column deactivated_at timestamptz,
        add column updated_at timestamptz not null default now()`);
    await q.query(`create index audit_log_newest on audit_log (tenant_id, id desc)`);
    await q.query(`create index audit_log_by_action on audit_log (tenant_id, action, id desc)`);
    await q.query(`create index audit_log_by_actor on audit_log (tenant_id, actor_user_id, id desc)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists audit_log_by_actor`);
    await q.query(`drop index if exists audit_log_by_action`);
    await q.query(`drop index if exists audit_log_newest`);
    await q.query(`alter table users drop column updated_at, drop column deactivated_at, drop column token_version, drop column active`);
  }
}
