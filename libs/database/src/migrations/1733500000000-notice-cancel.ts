import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canceling a notice: its messages that had not left yet become `canceled` (a final status, like
 * `suppressed`: never claimed, never sent), and the notice `canceled`, with who did it and when.
 */
export class NoticeCancel1733500000000 implements MigrationInterface {
  name = 'NoticeCancel1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages drop constraint messages_status_check`);
    await q.query(`alter table messages add constraint messages_status_check
      check (status in ('pending', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed', 'received', 'canceled'))`);
    await q.query(`alter table notices drop constraint notices_status_check`);
    await q.query(
      `alter table notices add constraint notices_status_check check (status in ('draft', 'translating', 'sending', 'sent', 'failed', 'canceled'))`,
    );
    await q.query(`alter table notices add column canceled_at timestamptz, add column canceled_by uuid references users(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notices drop column canceled_at, drop column canceled_by`);
    await q.query(`update notices set status = 'sent' where status = 'canceled'`);
    await q.query(`update messages set status = 'failed' where status = 'canceled'`);
    await q.query(`alter table notices drop constraint notices_status_check`);
    await q.query(`alter table notices add constraint notices_status_check check (status in ('draft', 'translating', 'sending', 'sent', 'failed'))`);
    await q.query(`alter table messages drop constraint messages_status_check`);
    await q.query(`alter table messages add constraint messages_status_check
      check (status in ('pending', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed', 'received'))`);
  }
}
