import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message's retries for an unreachable handset (30003) get a budget of their own:
 * `unreachable_attempts` counts the 30003 answers, while `attempts` keeps counting every try. A
 * transient failure before a 30003 no longer spends one of the handset's retries.
 */
export class UnreachableTries1733600000000 implements MigrationInterface {
  name = 'UnreachableTries1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages add column unreachable_attempts integer not null default 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages drop column unreachable_attempts`);
  }
}
