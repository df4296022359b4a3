import { randomHex, TEST_ADMIN_URL } from '@porchlight/testing';
import { Client } from 'pg';
import { setupDatabase } from './setup';

/** A URL on the test server for `user` (with `password`) and `database`. */
function urlFor(user: string, password: string, database: string): string {
  const url = new URL(TEST_ADMIN_URL);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

describe('setup with an owner that is not a superuser, as a managed Postgres gives (Postgres)', () => {
  const suffix = randomHex(4);
  const owner = `pl_owner_${suffix}`;
  const app = `pl_app_${suffix}`;
  const database = `pl_setup_${suffix}`;
  const superuser = new Client({ connectionString: TEST_ADMIN_URL });

  beforeAll(async () => {
    await superuser.connect();
    await superuser.query(`create role ${owner} login createrole createdb password 'owner-secret'`);
  });

  afterAll(async () => {
    await superuser.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [database]);
    await superuser.query(`drop database if exists ${database}`);
    await superuser.query(`drop role if exists ${app}`);
    await superuser.query(`drop role if exists ${owner}`);
    await superuser.end();
  });

  it('creates the role and the database, migrates, and runs again as every pod start does', async () => {
    const options = { databaseUrl: urlFor(app, 'app-secret', database), adminUrl: urlFor(owner, 'owner-secret', database) };
    const first = await setupDatabase(options);
    expect(first.applied.length).toBeGreaterThan(0);
    await expect(setupDatabase(options)).resolves.toEqual({ applied: [] });

    const { rows } = await superuser.query(`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = $1`, [app]);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: true }]);
    const { rows: owners } = await superuser.query(`select pg_get_userbyid(datdba) as owner from pg_database where datname = $1`, [database]);
    expect(owners).toEqual([{ owner }]);
  });

  it('takes BYPASSRLS away from an application role that was given it', async () => {
    await superuser.query(`alter role ${app} bypassrls`);
    const options = { databaseUrl: urlFor(app, 'app-secret', database), adminUrl: TEST_ADMIN_URL.replace(/\/[^/]*$/, `/${database}`) };
    await setupDatabase(options);
    const { rows } = await superuser.query(`select rolbypassrls from pg_roles where rolname = $1`, [app]);
    expect(rows).toEqual([{ rolbypassrls: false }]);
  });
});
