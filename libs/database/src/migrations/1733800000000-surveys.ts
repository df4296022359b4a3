import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TENANT_TABLES = ['surveys', 'survey_texts', 'survey_recipients', 'survey_answers'];

/**
 * Surveys by SMS. A survey holds its questions (jsonb, 1–10) and audience; `survey_texts` one text
 * per language and unit (`intro`, `q.<key>`, `q.<key>.o.<option>`) with its origin and review
 * status; `survey_recipients` one row per phone with where that phone stands (at most one survey
 * `asking` per phone, held by a unique index); `survey_answers` each answer read from a family's
 * reply. The messages a survey sends are ordinary message rows of kind `survey`, unique per
 * (survey, phone, step), so no phone gets a question twice.
 */
export class Surveys1733800000000 implements MigrationInterface {
  name = 'Surveys1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table surveys (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        author_user_id uuid references users(id),
        title text not null,
        source_language text not null,
        audience jsonb not null,
        intro text,
        questions jsonb not null,
        closes_at timestamptz,
        decision_id uuid,
        reminder_after_seconds integer check (reminder_after_seconds > 0),
        status text not null default 'draft' check (status in ('draft', 'translating', 'open', 'closed')),
        status_reason text,
        correlation_id text,
        send_requested_at timestamptz,
        opened_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create index surveys_recent on surveys (tenant_id, created_at desc)`);
    await q.query(`create index surveys_open on surveys (tenant_id) where status in ('translating', 'open')`);
    await q.query(`
      create table survey_texts (
        tenant_id uuid not null references tenants(id) on delete cascade,
        survey_id uuid not null references surveys(id) on delete cascade,
        language text not null,
        unit text not null,
        body text not null,
        origin text not null check (origin in ('catalog', 'memory', 'machine', 'human')),
        status text not null check (status in ('ready', 'needs_review')),
        provider text,
        review_reason text,
        updated_by uuid references users(id),
        updated_at timestamptz not null default now(),
        primary key (survey_id, language, unit)
      )`);
    await q.query(`
      create table survey_recipients (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        survey_id uuid not null references surveys(id) on delete cascade,
        phone text not null,
        contact_ids uuid[] not null default '{}',
        language text not null,
        school_ids uuid[] not null default '{}',
        grades text[] not null default '{}',
        roles text[] not null default '{}',
        status text not null check (status in ('waiting', 'asking', 'done', 'stopped', 'closed', 'suppressed')),
        suppressed_reason text,
        question_key text,
        asked_again boolean not null default false,
        started_at timestamptz,
        reminded_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (survey_id, phone)
      )`);
    // One open survey per phone: a second waits until the first finishes or closes.
    await q.query(`create unique index survey_recipients_asking on survey_recipients (tenant_id, phone) where status = 'asking'`);
    await q.query(`create index survey_recipients_waiting on survey_recipients (tenant_id, phone) where status = 'waiting'`);
    await q.query(`
      create table survey_answers (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        survey_id uuid not null references surveys(id) on delete cascade,
        recipient_id uuid not null references survey_recipients(id) on delete cascade,
        phone text not null,
        question_key text not null,
        message_id uuid not null references messages(id) on delete cascade,
        kind text not null check (kind in ('answer', 'text', 'comment')),
        option_key text,
        value numeric,
        confidence real,
        matched_by text,
        counted boolean not null,
        created_at timestamptz not null,
        unique (message_id)
      )`);
    // Results read each phone's latest answer per question.
    await q.query(`create index survey_answers_latest on survey_answers (survey_id, phone, question_key, created_at desc, id desc) where counted`);

    await q.query(`alter table messages add column survey_id uuid references surveys(id) on delete cascade, add column survey_step text`);
    await q.query(`alter table messages drop constraint messages_kind_check`);
    await q.query(`alter table messages add constraint messages_kind_check check (kind in ('notice', 'reply', 'system', 'inbound', 'survey'))`);
    await q.query(`create unique index messages_survey_step on messages (survey_id, phone, survey_step) where survey_id is not null`);

    for (const table of NEW_TENANT_TABLES) {
      // Row-level security as every tenant table has it, written out here so this migration never changes.
      await q.query(`alter table ${table} enable row level security`);
      await q.query(`alter table ${table} force row level security`);
      await q.query(
        `create policy tenant_isolation on ${table} using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from messages where kind = 'survey'`);
    await q.query(`drop index if exists messages_survey_step`);
    await q.query(`alter table messages drop constraint messages_kind_check`);
    await q.query(`alter table messages add constraint messages_kind_check check (kind in ('notice', 'reply', 'system', 'inbound'))`);
    await q.query(`alter table messages drop column survey_step, drop column survey_id`);
    for (const table of [...NEW_TENANT_TABLES].reverse()) await q.query(`drop table if exists ${table} cascade`);
  }
}
