import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TENANT_TABLES = ['exports', 'export_chunks'];

/**
 * Records and retention. A district may keep message bodies for a number of days
 * (`retention_message_body_days`, null: forever); a message whose text was removed keeps its row,
 * status, language and times, and says when and why (`body_erased_at`, `body_erased_by`).
 * District exports are built by a job into a zip kept in Postgres in 1 MiB chunks (the apps share
 * no disk), downloaded once by their requester, then deleted.
 */
export class Records1733300000000 implements MigrationInterface {
  name = 'Records1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table tenants add column retention_message_body_days integer check (retention_message_body_days between 7 and 36500)`);
    await q.query(`alter table messages add column body_erased_at timestamptz,
      add column body_erased_by text check (body_erased_by in ('retention', 'erasure'))`);
    // The retention sweep walks each district's messages that still hold text, oldest first.
    await q.query(`create index messages_body_retention on messages (tenant_id, created_at) where body_erased_at is null`);
    await q.query(`create index translation_cache_age on translation_cache (tenant_id, created_at)`);

    await q.query(`
      create table exports (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        requested_by uuid not null references users(id) on delete cascade,
        status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
        counts jsonb not null default '{}',
        size bigint not null default 0,
        failure text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        downloaded_at timestamptz,
        purged_at timestamptz
      )`);
    await q.query(`create index exports_recent on exports (tenant_id, created_at desc)`);
    await q.query(`create index exports_unfinished on exports (updated_at) where status in ('queued', 'running')`);
    await q.query(`
      create table export_chunks (
        tenant_id uuid not null references tenants(id) on delete cascade,
        export_id uuid not null references exports(id) on delete cascade,
        seq int not null,
        data bytea not null,
        primary key (export_id, seq)
      )`);

    for (const table of NEW_TENANT_TABLES) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...NEW_TENANT_TABLES].reverse()) await q.query(`drop table if exists ${table} cascade`);
    await q.query(`drop index if exists translation_cache_age`);
    await q.query(`drop index if exists messages_body_retention`);
    await q.query(`alter table messages drop column body_erased_by, drop column body_erased_at`);
    await q.query(`alter table tenants drop column retention_message_body_days`);
  }
}

/**
 * Row-level security for one tenant-owned table, as this migration first wrote it (enabled and
 * forced, rows visible and writable only under the transaction's tenant): written out here so
 * this migration never changes.
 */
async function enableTenantIsolation(q: QueryRunner, table: string): Promise<void> {
  await q.query(`alter table ${table} enable row level security`);
  await q.query(`alter table ${table} force row level security`);
  await q.query(
    `create policy tenant_isolation on ${table} using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`,
  );
}
