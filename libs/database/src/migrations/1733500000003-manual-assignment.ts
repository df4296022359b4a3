import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A family's reply goes to the author of the latest notice or staff answer the family received,
 * unless a person assigned the thread: `assigned_manually` says the assignment is a person's
 * choice, which routing then keeps. Threads whose current assignee was set by hand (the latest
 * `conversation.assigned` entry names them) keep it.
 */
export class ManualAssignment1733500000003 implements MigrationInterface {
  name = 'ManualAssignment1733500000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table conversations add column assigned_manually boolean not null default false`);
    await q.query(`
      update conversations cv set assigned_manually = true
      where cv.assigned_user_id is not null and cv.assigned_user_id::text = (
        select a.data->>'userId' from audit_log a
        where a.tenant_id = cv.tenant_id and a.action = 'conversation.assigned' and a.subject_type = 'conversation' and a.subject_id = cv.id::text
        order by a.id desc limit 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table conversations drop column assigned_manually`);
  }
}
