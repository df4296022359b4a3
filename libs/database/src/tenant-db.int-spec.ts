import { createTenantFixture, TEST_DATABASE_URL } from '@porchlight/testing';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { TenantDb } from './tenant-db';

describe('TenantDb.once (Postgres, as the application role)', () => {
  let dataSource: DataSource;
  let db: TenantDb;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: TEST_DATABASE_URL, applicationName: 'tenant-db-spec', poolSize: 1 }).initialize();
    db = new TenantDb(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('writes parameters as literals, quotes and backslashes included, under the tenant only', async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    const tricky = `O'Brien \\ "quoted" $1 -- not a comment'); drop table messages; --`;
    const [row] = await db.once<{ id: string; body: string }>(
      a.tenantId,
      `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', 'notice', $2, $3, 'queued') returning id, body`,
      [a.tenantId, '+16175558001', tricky],
    );
    expect(row.body).toBe(tricky);
    expect(await db.once(a.tenantId, `select id from messages where id = $1`, [row.id])).toHaveLength(1);
    expect(await db.once(b.tenantId, `select id from messages where id = $1`, [row.id])).toEqual([]);
  });

  it('rolls back a failing statement and leaves the connection usable', async () => {
    const a = await createTenantFixture(db);
    await expect(db.once(a.tenantId, `select 1 / $1::int`, [0])).rejects.toThrow(/division by zero/);
    // The pool has one connection: it must be out of the aborted transaction.
    expect(await db.once(a.tenantId, `select current_setting('app.tenant_id') as tenant`)).toEqual([{ tenant: a.tenantId }]);
  });

  it('writes a negative number so that it cannot start a comment, and refuses a missing parameter', async () => {
    const a = await createTenantFixture(db);
    expect(await db.once(a.tenantId, `select 5-$1 as n`, [-1])).toEqual([{ n: 6 }]);
    await expect(db.once(a.tenantId, `select $1, $2`, ['x'])).rejects.toThrow(/no parameter \$2/);
    expect(await db.once(a.tenantId, `select 1 as ok -- a trailing comment`)).toEqual([{ ok: 1 }]);
    expect(await db.once(a.tenantId, `select current_setting('app.tenant_id') as tenant`)).toEqual([{ tenant: a.tenantId }]);
  });

  it('refuses what it cannot write as a literal, and a tenant id that is not a UUID', async () => {
    await expect(db.once('x', 'select 1')).rejects.toThrow(/not a tenant id/);
    const a = await createTenantFixture(db);
    await expect(db.once(a.tenantId, 'select $1', [{ a: 1 }])).rejects.toThrow(/takes strings/);
  });
});
