import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reach and voice (`GET /api/v1/reports/reach`). An inbound message now says what it was once
 * classified (`intent`): `reply` (words to the district, threaded into the family's conversation),
 * `keyword` (STOP, START, HELP and their equivalents) or `language` (the family naming its
 * language). Only replies are a family's voice. Two partial indexes hold what the report reads
 * (phone and time of each delivered message and each reply), so it never touches the rest of a
 * district's messages.
 */
export class Reach1733700000000 implements MigrationInterface {
  name = 'Reach1733700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages add column intent text check (intent in ('reply', 'keyword', 'language'))`);
    // Replies processed before this column existed: a message answered by the system (a keyword
    // or a language's name) was not a reply; every other processed inbound message was.
    await q.query(`
      update messages i set intent = case
          when exists (select 1 from messages r where r.reply_to_id = i.id and r.kind = 'system') then 'keyword'
          else 'reply' end
      where i.direction = 'inbound' and i.processed_at is not null`);
    await q.query(`create index messages_reach_delivered on messages (tenant_id, created_at, phone) where direction = 'outbound' and status = 'delivered'`);
    await q.query(`create index messages_reach_replies on messages (tenant_id, created_at, phone) where direction = 'inbound' and intent = 'reply'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists messages_reach_replies`);
    await q.query(`drop index if exists messages_reach_delivered`);
    await q.query(`alter table messages drop column intent`);
  }
}
