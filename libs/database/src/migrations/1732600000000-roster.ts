import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TENANT_TABLES = ['academic_sessions', 'courses', 'sections', 'enrollments', 'imports', 'import_files', 'import_file_chunks'];

/**
 * The roster as OneRoster 1.1 describes it: orgs (schools and the district), academic sessions,
 * courses, classes (here `sections`) with grades, enrollments of students in sections; family
 * contacts gain their role and consent state; imports and their uploaded files (kept in Postgres,
 * in chunks, so the API and the contacts app share no disk). Every record imported from a SIS is
 * keyed by its `sourcedId` (`source_id`), unique per tenant.
 */
export class Roster1732600000000 implements MigrationInterface {
  name = 'Roster1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table schools add column kind text not null default 'school' check (kind in ('school', 'district'))`);
    await q.query(`alter table schools add column updated_at timestamptz not null default now()`);
    await q.query(`alter table students add column updated_at timestamptz not null default now()`);
    await q.query(`alter table contacts add column role text check (role in ('parent', 'guardian', 'relative'))`);
    await q.query(`alter table contacts add column consent text not null default 'implied' check (consent in ('implied', 'express', 'revoked'))`);

    await q.query(`
      create table academic_sessions (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        source_id text not null,
        title text not null,
        type text not null,
        start_date date,
        end_date date,
        parent_source_id text,
        school_year text,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index academic_sessions_source on academic_sessions (tenant_id, source_id)`);

    await q.query(`
      create table courses (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        source_id text not null,
        title text not null,
        course_code text,
        school_id uuid references schools(id) on delete set null,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index courses_source on courses (tenant_id, source_id)`);

    // OneRoster's classes: a section of a course in a school, for some grades and terms.
    await q.query(`
      create table sections (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        source_id text not null,
        school_id uuid not null references schools(id),
        course_id uuid references courses(id) on delete set null,
        title text not null,
        class_code text,
        grades text[] not null default '{}',
        session_ids uuid[] not null default '{}',
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index sections_source on sections (tenant_id, source_id)`);
    await q.query(`create index sections_school on sections (tenant_id, school_id)`);

    await q.query(`
      create table enrollments (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        source_id text not null,
        section_id uuid not null references sections(id) on delete cascade,
        student_id uuid not null references students(id) on delete cascade,
        begin_date date,
        end_date date,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create unique index enrollments_source on enrollments (tenant_id, source_id)`);
    await q.query(`create index enrollments_section on enrollments (section_id, student_id)`);
    await q.query(`create index enrollments_student on enrollments (student_id)`);

    await q.query(`
      create table imports (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        kind text not null check (kind in ('oneroster', 'csv')),
        status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
        options jsonb not null default '{}',
        created int not null default 0,
        updated int not null default 0,
        unchanged int not null default 0,
        rejected int not null default 0,
        deleted int not null default 0,
        errors jsonb not null default '[]',
        warnings jsonb not null default '[]',
        progress jsonb not null default '{}',
        failure text,
        created_by uuid references users(id) on delete set null,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`create index imports_recent on imports (tenant_id, created_at desc)`);

    await q.query(`
      create table import_files (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        import_id uuid not null references imports(id) on delete cascade,
        name text not null,
        encoding text not null check (encoding in ('utf-8', 'windows-1252')),
        size bigint not null default 0,
        unique (import_id, name)
      )`);
    await q.query(`
      create table import_file_chunks (
        tenant_id uuid not null references tenants(id) on delete cascade,
        file_id uuid not null references import_files(id) on delete cascade,
        seq int not null,
        data bytea not null,
        primary key (file_id, seq)
      )`);

    for (const table of NEW_TENANT_TABLES) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...NEW_TENANT_TABLES].reverse()) await q.query(`drop table if exists ${table} cascade`);
    await q.query(`alter table contacts drop column consent, drop column role`);
    await q.query(`alter table students drop column updated_at`);
    await q.query(`alter table schools drop column updated_at, drop column kind`);
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
