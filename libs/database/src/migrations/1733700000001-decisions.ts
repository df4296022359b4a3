import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TENANT_TABLES = ['decisions', 'decision_inputs'];

/**
 * The decision log: what a district decided, in answer to which question, for which schools
 * (none: the whole district), and the family input it weighed — surveys, replies quoted from
 * conversations, notes from meetings and calls. A decision is closed with a "you said, we did"
 * notice (`loop_notice_id`) and becomes `communicated` once that notice is sent.
 */
export class Decisions1733700000001 implements MigrationInterface {
  name = 'Decisions1733700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table decisions (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        title text not null,
        question text not null,
        language text not null,
        school_ids uuid[] not null default '{}',
        status text not null default 'gathering' check (status in ('gathering', 'decided', 'communicated')),
        outcome text,
        rationale text,
        decided_at timestamptz,
        created_by uuid references users(id),
        loop_notice_id uuid references notices(id) on delete set null,
        loop_audience text check (loop_audience in ('respondents', 'asked')),
        communicated_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create index decisions_recent on decisions (tenant_id, created_at desc, id desc)`);
    await q.query(`create index decisions_communicated on decisions (tenant_id, communicated_at desc) where status = 'communicated'`);
    await q.query(`create index decisions_loop_notice on decisions (loop_notice_id) where loop_notice_id is not null`);

    // survey_id names a survey without a foreign key: surveys are their own module's tables.
    await q.query(`
      create table decision_inputs (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        decision_id uuid not null references decisions(id) on delete cascade,
        kind text not null check (kind in ('survey', 'message', 'note')),
        survey_id uuid,
        message_id uuid references messages(id) on delete set null,
        note text,
        source text,
        created_by uuid references users(id),
        created_at timestamptz not null default now(),
        check ((kind = 'survey') = (survey_id is not null)),
        check ((kind = 'note') = (note is not null))
      )`);
    await q.query(`create index decision_inputs_decision on decision_inputs (decision_id, created_at)`);
    await q.query(`create unique index decision_inputs_message on decision_inputs (decision_id, message_id) where message_id is not null`);
    await q.query(`create unique index decision_inputs_survey on decision_inputs (decision_id, survey_id) where survey_id is not null`);

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
    for (const table of [...NEW_TENANT_TABLES].reverse()) await q.query(`drop table if exists ${table} cascade`);
  }
}
