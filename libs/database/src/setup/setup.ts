import { Client } from 'pg';
import { createDataSource } from '../data-source';

export interface SetupOptions {
  /** The application role's URL: its user, password and database are created when missing. */
  databaseUrl: string;
  /** An owner (or superuser) URL used to create the database and role and run migrations. */
  adminUrl: string;
  log?: (line: string) => void;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates the database and the non-superuser application role when missing, applies migrations
 * as the owner, and grants the application role what it needs (the audit log is append-only).
 * Safe to run at every start.
 */
export async function setupDatabase(options: SetupOptions): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => undefined);
  const app = new URL(options.databaseUrl);
  const appUser = decodeURIComponent(app.username);
  const appPassword = decodeURIComponent(app.password);
  const database = decodeURIComponent(app.pathname.replace(/^\//, ''));
  if (!appUser || !database) throw new Error('DATABASE_URL must name a user and a database');

  const admin = new URL(options.adminUrl);
  admin.pathname = '/postgres';
  const maintenance = new Client({ connectionString: admin.toString() });
  // A connection Postgres ends fails the statement in hand; without a listener it would end the process.
  maintenance.on('error', () => undefined);
  await maintenance.connect();
  try {
    // Two processes may start at once: serialise role and database creation.
    await maintenance.query('select pg_advisory_lock(7305001)');
    const role = await maintenance.query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = $1', [
      appUser,
    ]);
    const password = appPassword ? ` password ${literal(appPassword)}` : '';
    if (role.rowCount === 0) {
      await maintenance.query(`create role ${ident(appUser)} login nosuperuser nobypassrls nocreatedb nocreaterole${password}`);
      log(`created role ${appUser}`);
    } else {
      // Only a superuser may name SUPERUSER or BYPASSRLS in ALTER ROLE, even to turn them off: they
      // are named only when wrong, so an owner with CREATEROLE (a managed Postgres's admin) can run
      // setup again.
      if (role.rows[0].rolsuper || role.rows[0].rolbypassrls) await maintenance.query(`alter role ${ident(appUser)} nosuperuser nobypassrls`);
      await maintenance.query(`alter role ${ident(appUser)} login${password}`);
    }
    const db = await maintenance.query('select 1 from pg_database where datname = $1', [database]);
    if (db.rowCount === 0) {
      await maintenance.query(`create database ${ident(database)}`);
      log(`created database ${database}`);
    }
    await maintenance.query('select pg_advisory_unlock(7305001)');
  } finally {
    await maintenance.end();
  }

  const ownerUrl = new URL(options.adminUrl);
  ownerUrl.pathname = `/${database}`;
  const dataSource = createDataSource({ url: ownerUrl.toString(), applicationName: 'porchlight-setup', poolSize: 2 });
  await dataSource.initialize();
  try {
    await dataSource.query('select pg_advisory_lock(7305002)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`applied migration ${migration.name}`);
    const user = ident(appUser);
    await dataSource.query(`grant connect on database ${ident(database)} to ${user}`);
    await dataSource.query(`grant usage on schema public to ${user}`);
    await dataSource.query(`grant select, insert, update, delete on all tables in schema public to ${user}`);
    await dataSource.query(`revoke update, delete, truncate on audit_log from ${user}`);
    await dataSource.query(`revoke insert, update, delete, truncate on migrations from ${user}`);
    await dataSource.query(`grant usage, select on all sequences in schema public to ${user}`);
    await dataSource.query('select pg_advisory_unlock(7305002)');
    return { applied: applied.map((m) => m.name) };
  } finally {
    await dataSource.destroy();
  }
}

/** True when every migration this build knows has been applied. */
export async function migrationsPending(dataSource: { showMigrations(): Promise<boolean> }): Promise<boolean> {
  return dataSource.showMigrations();
}
