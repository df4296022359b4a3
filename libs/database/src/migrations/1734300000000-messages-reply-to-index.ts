import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `messages.reply_to_id` references `messages(id)`, and its only index was partial (system replies):
 * every message deleted (a district erased, retention) made Postgres scan the whole table for rows
 * pointing at it, so deleting a district of many messages took time quadratic in their number.
 * Built `concurrently`, outside a transaction, so a large table keeps taking writes meanwhile.
 */
export class MessagesReplyToIndex1734300000000 implements MigrationInterface {
  name = 'MessagesReplyToIndex1734300000000';
  transaction = false as const;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index concurrently if not exists messages_reply_to_id on messages (reply_to_id) where reply_to_id is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index concurrently if exists messages_reply_to_id`);
  }
}
