import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables the backfill reads or writes: forced row-level security hides every row from an owner that sets no tenant. */
const BACKFILLED = ['surveys', 'survey_recipients', 'survey_answers', 'survey_latest_answers', 'messages'];

/**
 * What survey results read, kept as answers and deliveries are stored, so results aggregate narrow
 * rows with no sort and no pass over the messages:
 *
 * - `survey_latest_answers`: each recipient's latest counted answer per question (counted, and
 *   before the survey's `closes_at`), upserted with the answer; a later answer replaces it (latest
 *   by `created_at`, then the answer's id, as results picked it before). It carries the phone, so
 *   a reader's school scope filters the rows without a join.
 * - `survey_recipients.responded`: the recipient has such a row, set in the same statement.
 * - `survey_recipients.delivered`: a message of the survey reached the phone, set when a status
 *   callback says delivered.
 *
 * Both are filled from the rows already stored.
 */
export class SurveyResultsRows1734200000000 implements MigrationInterface {
  name = 'SurveyResultsRows1734200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table survey_latest_answers (
        tenant_id uuid not null references tenants(id) on delete cascade,
        survey_id uuid not null references surveys(id) on delete cascade,
        recipient_id uuid not null references survey_recipients(id) on delete cascade,
        phone text not null,
        question_key text not null,
        answer_id uuid not null references survey_answers(id) on delete cascade,
        message_id uuid not null,
        kind text not null check (kind in ('answer', 'text', 'comment')),
        option_key text,
        value numeric,
        created_at timestamptz not null,
        primary key (survey_id, recipient_id, question_key)
      )`);
    // The answer's own cascade (its message erased by a records request) finds the row by it.
    await q.query(`create index survey_latest_answers_answer on survey_latest_answers (answer_id)`);
    await q.query(`create index survey_latest_answers_recipient on survey_latest_answers (recipient_id)`);
    await q.query(`alter table survey_recipients add column delivered boolean not null default false, add column responded boolean not null default false`);
    // Results show the newest 200 comments per question: the few text answers and kept misfits, found without the rest.
    await q.query(`create index survey_latest_answers_comments on survey_latest_answers (survey_id) where kind in ('text', 'comment')`);

    await q.query(`alter table survey_latest_answers enable row level security`);
    await q.query(`alter table survey_latest_answers force row level security`);
    await q.query(
      `create policy tenant_isolation on survey_latest_answers using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`,
    );

    // The backfill sees every district's rows: the owner is not held to the policies while it runs (one transaction).
    for (const table of BACKFILLED) await q.query(`alter table ${table} no force row level security`);
    await q.query(`
      insert into survey_latest_answers (tenant_id, survey_id, recipient_id, phone, question_key, answer_id, message_id, kind, option_key, value, created_at)
      select distinct on (a.recipient_id, a.question_key)
        a.tenant_id, a.survey_id, a.recipient_id, a.phone, a.question_key, a.id, a.message_id, a.kind, a.option_key, a.value, a.created_at
      from survey_answers a join surveys s on s.id = a.survey_id
      where a.counted and (s.closes_at is null or a.created_at < s.closes_at)
      order by a.recipient_id, a.question_key, a.created_at desc, a.id desc`);
    await q.query(`update survey_recipients r set responded = true where exists (select 1 from survey_latest_answers l where l.recipient_id = r.id)`);
    await q.query(`
      update survey_recipients r set delivered = true
      where exists (select 1 from messages msg
                    where msg.survey_id = r.survey_id and msg.phone = r.phone and msg.direction = 'outbound' and msg.status = 'delivered')`);
    for (const table of BACKFILLED) await q.query(`alter table ${table} force row level security`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table survey_recipients drop column delivered, drop column responded`);
    await q.query(`drop table if exists survey_latest_answers`);
  }
}
