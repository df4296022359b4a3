import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'tenants',
  'users',
  'schools',
  'students',
  'contacts',
  'contact_students',
  'phones',
  'consent_events',
  'notices',
  'notice_translations',
  'messages',
  'conversations',
  'audit_log',
];

export class Foundation1732300000000 implements MigrationInterface {
  name = 'Foundation1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table tenants (
        id uuid primary key,
        slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text not null,
        timezone text not null,
        country char(2) not null,
        default_language text not null,
        languages text[] not null,
        quiet_hours_start time not null default '08:00',
        quiet_hours_end time not null default '21:00',
        help_text text,
        sms_provider text not null check (sms_provider in ('twilio', 'sandbox')),
        sms_account_sid text not null,
        sms_auth_token_enc text not null,
        sms_messaging_service_sid text,
        sms_from_number text,
        sms_messages_per_second integer,
        translation jsonb not null default '{"provider": "none", "untranslatedPolicy": "hold"}',
        translation_secret_enc text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        tenant_id uuid generated always as (id) stored
      )`);

    // The one table read before a tenant is known: which tenant a login slug or an incoming
    // webhook's AccountSid belongs to. No personal data and no secrets live here.
    await q.query(`
      create table tenant_directory (
        tenant_id uuid primary key references tenants(id) on delete cascade,
        slug text not null unique,
        sms_account_sid text not null,
        sms_from_number text
      )`);
    await q.query(`create index tenant_directory_account on tenant_directory (sms_account_sid)`);
    await q.query(`
      create function tenants_to_directory() returns trigger language plpgsql as $$
      begin
        insert into tenant_directory (tenant_id, slug, sms_account_sid, sms_from_number)
        values (new.id, new.slug, new.sms_account_sid, new.sms_from_number)
        on conflict (tenant_id) do update
          set slug = excluded.slug, sms_account_sid = excluded.sms_account_sid, sms_from_number = excluded.sms_from_number;
        return new;
      end $$`);
    await q.query(`create trigger tenants_directory after insert or update on tenants
      for each row execute function tenants_to_directory()`);

    await q.query(`
      create table users (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        email text not null,
        password_hash text not null,
        name text,
        role text not null check (role in ('district_admin', 'school_admin', 'staff', 'liaison')),
        language text not null default 'en',
        school_ids uuid[] not null default '{}',
        last_login_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create unique index users_email on users (tenant_id, lower(email))`);

    await q.query(`
      create table schools (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        name text not null,
        source_id text,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create unique index schools_source on schools (tenant_id, source_id)`);

    await q.query(`
      create table students (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        school_id uuid not null references schools(id),
        given_name text not null,
        family_name text not null,
        grade text,
        source_id text,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create unique index students_source on students (tenant_id, source_id)`);
    await q.query(`create index students_school on students (tenant_id, school_id, grade)`);

    await q.query(`
      create table contacts (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        given_name text,
        family_name text,
        phone text check (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        email text,
        language text not null,
        language_source text not null default 'staff' check (language_source in ('roster', 'family', 'staff')),
        source_id text,
        erased_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index contacts_source on contacts (tenant_id, source_id)`);
    await q.query(`create index contacts_phone on contacts (tenant_id, phone)`);
    await q.query(`create index contacts_page on contacts (tenant_id, id)`);

    await q.query(`
      create table contact_students (
        tenant_id uuid not null references tenants(id) on delete cascade,
        contact_id uuid not null references contacts(id) on delete cascade,
        student_id uuid not null references students(id) on delete cascade,
        primary key (contact_id, student_id)
      )`);
    await q.query(`create index contact_students_student on contact_students (student_id)`);

    // What is known about a phone itself, whoever's it is: opt-out state and carrier verdicts.
    await q.query(`
      create table phones (
        tenant_id uuid not null references tenants(id) on delete cascade,
        phone text not null,
        opted_out_at timestamptz,
        invalid_reason text,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, phone)
      )`);

    await q.query(`
      create table consent_events (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        phone text not null,
        action text not null check (action in ('opt_out', 'opt_in')),
        source text not null check (source in ('keyword', 'provider', 'staff', 'import')),
        message_id uuid,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index consent_events_phone on consent_events (tenant_id, phone, created_at)`);

    await q.query(`
      create table notices (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        author_user_id uuid references users(id),
        title text,
        body text not null,
        source_language text not null,
        audience jsonb not null,
        urgency text not null check (urgency in ('normal', 'urgent', 'emergency')),
        status text not null default 'draft' check (status in ('draft', 'translating', 'sending', 'sent', 'failed')),
        status_reason text,
        scheduled_at timestamptz,
        poll jsonb,
        correlation_id text,
        suppressed jsonb not null default '{}',
        send_requested_at timestamptz,
        fanned_out_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create index notices_page on notices (tenant_id, created_at desc)`);

    await q.query(`
      create table notice_translations (
        tenant_id uuid not null references tenants(id) on delete cascade,
        notice_id uuid not null references notices(id) on delete cascade,
        language text not null,
        body text not null,
        origin text not null check (origin in ('source', 'catalog', 'memory', 'machine', 'human')),
        status text not null check (status in ('ready', 'needs_review')),
        updated_by uuid references users(id),
        updated_at timestamptz not null default now(),
        primary key (notice_id, language)
      )`);

    await q.query(`
      create table messages (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        notice_id uuid references notices(id) on delete cascade,
        direction text not null check (direction in ('outbound', 'inbound')),
        kind text not null check (kind in ('notice', 'reply', 'system', 'inbound')),
        phone text not null,
        contact_ids uuid[] not null default '{}',
        language text,
        body text not null,
        status text not null check (status in ('pending', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed', 'received')),
        error_code integer,
        error_message text,
        provider_sid text,
        author_user_id uuid references users(id),
        reply_to_id uuid references messages(id),
        attempts integer not null default 0,
        send_after timestamptz,
        processed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index messages_notice_phone on messages (notice_id, phone) where notice_id is not null`);
    await q.query(`create unique index messages_provider_sid on messages (tenant_id, provider_sid) where provider_sid is not null`);
    await q.query(`create unique index messages_reply_to on messages (reply_to_id) where kind = 'system'`);
    await q.query(`create index messages_thread on messages (tenant_id, phone, created_at)`);
    await q.query(`create index messages_notice_status on messages (notice_id, status)`);
    await q.query(`create index messages_unfinished on messages (status, updated_at) where status in ('pending', 'queued', 'sending')`);
    await q.query(`create index messages_unprocessed on messages (created_at) where direction = 'inbound' and processed_at is null`);

    await q.query(`
      create function message_status_rank(status text) returns integer language sql immutable as $$
        select case status
          when 'pending' then 0 when 'queued' then 1 when 'sending' then 2 when 'sent' then 3
          else 4 end
      $$`);

    await q.query(`
      create table conversations (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        phone text not null,
        contact_id uuid references contacts(id) on delete set null,
        assigned_user_id uuid references users(id),
        unread_count integer not null default 0,
        last_message_at timestamptz not null default now(),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create unique index conversations_phone on conversations (tenant_id, phone)`);
    await q.query(`create index conversations_recent on conversations (tenant_id, last_message_at desc, id)`);

    await q.query(`
      create table audit_log (
        id bigint generated always as identity primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        actor_user_id uuid,
        action text not null,
        subject_type text,
        subject_id text,
        data jsonb not null default '{}',
        correlation_id text,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index audit_log_recent on audit_log (tenant_id, created_at desc)`);

    for (const table of TENANT_TABLES) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`drop table if exists ${table} cascade`);
    await q.query(`drop table if exists tenant_directory`);
    await q.query(`drop function if exists tenants_to_directory`);
    await q.query(`drop function if exists message_status_rank`);
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
