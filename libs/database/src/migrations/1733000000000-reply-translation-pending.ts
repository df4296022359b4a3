import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A family reply waiting for its translation: set when the job is asked for, cleared when it
 * ends, so the reconciler can ask again when Redis lost the job.
 */
export class ReplyTranslationPending1733000000000 implements MigrationInterface {
  name = 'ReplyTranslationPending1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages add column translate_requested_at timestamptz`);
    await q.query(`create index messages_translate_pending on messages (translate_requested_at) where translate_requested_at is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists messages_translate_pending`);
    await q.query(`alter table messages drop column translate_requested_at`);
  }
}
