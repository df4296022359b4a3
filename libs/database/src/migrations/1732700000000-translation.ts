import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TENANT_TABLES = ['glossary_terms', 'translation_memory', 'translation_cache'];

/**
 * Translation: each district's glossary (terms kept as written, or with a fixed translation per
 * language); its translation memory (approved human texts, keyed by a hash of the normalised
 * source and the language); a cache of machine output (keyed by a hash of the text as sent to the
 * engine, placeholders in), so a text is machine-translated once per language. Notice
 * translations say where a text came from and why it waits for review; messages keep the
 * translation staff read beside the original; conversations keep their school (the shared
 * inbox) and the language a family seems to prefer.
 */
export class Translation1732700000000 implements MigrationInterface {
  name = 'Translation1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table glossary_terms (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        term text not null check (length(trim(term)) > 0),
        translations jsonb not null default '{}',
        created_at timestamptz not null default now()
      )`);
    await q.query(`create unique index glossary_terms_term on glossary_terms (tenant_id, lower(term))`);

    await q.query(`
      create table translation_memory (
        tenant_id uuid not null references tenants(id) on delete cascade,
        source_language text not null,
        language text not null,
        source_hash text not null,
        source_text text not null,
        body text not null,
        approved_by uuid references users(id) on delete set null,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, source_language, language, source_hash)
      )`);

    await q.query(`
      create table translation_cache (
        tenant_id uuid not null references tenants(id) on delete cascade,
        source_language text not null,
        language text not null,
        text_hash text not null,
        translated text not null,
        provider text not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, source_language, language, text_hash)
      )`);

    await q.query(`alter table notice_translations add column provider text, add column review_reason text`);
    await q.query(`alter table messages add column translated_body text, add column translated_language text`);
    await q.query(`alter table conversations add column school_id uuid references schools(id) on delete set null, add column suggested_language text`);
    await q.query(`create index conversations_school on conversations (tenant_id, school_id) where assigned_user_id is null`);

    for (const table of NEW_TENANT_TABLES) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists conversations_school`);
    await q.query(`alter table conversations drop column suggested_language, drop column school_id`);
    await q.query(`alter table messages drop column translated_language, drop column translated_body`);
    await q.query(`alter table notice_translations drop column review_reason, drop column provider`);
    for (const table of [...NEW_TENANT_TABLES].reverse()) await q.query(`drop table if exists ${table} cascade`);
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
