import { randomUUID } from 'node:crypto';
import { randomHex, TEST_ADMIN_URL, TEST_DATABASE_URL, waitFor } from '@porchlight/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { TenantDb } from './tenant-db';

jest.setTimeout(60_000);

/**
 * Postgres ends every connection of the pool (a restart, a failover, an operator's
 * pg_terminate_backend) while statements run and transactions are held open between statements.
 * An `'error'` event nobody listens to would end the process, which jest reports as a failure of
 * this test; what is allowed is a rejected statement and, afterwards, a pool that reconnects.
 */
describe('a lost Postgres connection (pg_terminate_backend under load)', () => {
  const applicationName = `lost-connection-spec-${randomHex(3)}`;
  let dataSource: DataSource;
  let db: TenantDb;
  let admin: Client;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: TEST_DATABASE_URL, applicationName, poolSize: 6 }).initialize();
    db = new TenantDb(dataSource);
    admin = new Client({ connectionString: TEST_ADMIN_URL });
    admin.on('error', () => undefined);
    await admin.connect();
    // A function that scopes itself (as TenantDb.call expects) and stays busy a while, created by
    // the owner in the test database.
    const ownerUrl = new URL(TEST_ADMIN_URL);
    ownerUrl.pathname = new URL(TEST_DATABASE_URL).pathname;
    const owner = new Client({ connectionString: ownerUrl.toString() });
    await owner.connect();
    await owner.query(`create or replace function lost_connection_spec_sleep(p_tenant_id uuid, p_seconds float8) returns table (n integer)
      language plpgsql volatile as $$ begin perform set_config('app.tenant_id', p_tenant_id::text, true); perform pg_sleep(p_seconds); return query select 1; end $$`);
    await owner.end();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await admin.end();
  });

  const terminate = async () =>
    (await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()`, [applicationName]))
      .rowCount ?? 0;

  it('costs the statements in flight, never the process, and the pool reconnects', async () => {
    const tenantId = randomUUID();
    let stop = false;
    let succeeded = 0;
    let rejected = 0;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const load = async (work: () => Promise<unknown>) => {
      while (!stop) {
        await work().then(
          () => succeeded++,
          () => rejected++,
        );
      }
    };
    const loops = [
      // One round trip each, some of them busy when the backend goes away.
      load(() => db.call('lost_connection_spec_sleep', tenantId, [0.02])),
      load(() => db.call('lost_connection_spec_sleep', tenantId, [0.05])),
      // Transactions that hold their connection idle between statements.
      load(() =>
        db.txFor(tenantId, async (m) => {
          await m.query('select 1');
          await pause(15);
          await m.query('select 2');
        }),
      ),
      load(() =>
        db.txFor(tenantId, async (m) => {
          await pause(5);
          await m.query('select pg_sleep(0.03)');
        }),
      ),
      load(() => db.unscoped('select pg_sleep(0.01)')),
    ];

    let terminated = 0;
    for (let round = 0; round < 6; round++) {
      await waitFor(
        'statements running in the pool',
        async () => (await admin.query(`select 1 from pg_stat_activity where application_name = $1`, [applicationName])).rowCount! >= 3,
        {
          timeoutMs: 20_000,
          intervalMs: 10,
        },
      );
      terminated += await terminate();
      await pause(30);
    }
    stop = true;
    await Promise.all(loops);

    expect(terminated).toBeGreaterThanOrEqual(6);
    expect(rejected).toBeGreaterThan(0);
    // Reconnected: every kind of use works again.
    expect(await db.call('lost_connection_spec_sleep', tenantId, [0])).toEqual([{ n: 1 }]);
    expect(await db.txFor(tenantId, (m) => m.query(`select current_setting('app.tenant_id') as tenant`))).toEqual([{ tenant: tenantId }]);
    expect(succeeded).toBeGreaterThan(0);
  });
});
