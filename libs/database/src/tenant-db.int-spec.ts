import { createTenantFixture, useIntegration } from '@porchlight/testing';

describe('TenantDb.call (Postgres, as the application role)', () => {
  const spec = useIntegration('tenant-db-call', { poolSize: 1, tenant: false, redis: false });

  const outbound = (tenantId: string, body: string) =>
    spec.db.txFor(tenantId, async (m) => {
      const [row] = (await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status) values ($1, 'outbound', 'notice', '+16175558001', $2, 'queued') returning id`,
        [tenantId, body],
      )) as { id: string }[];
      return row.id;
    });
  const sidOf = (tenantId: string, id: string) =>
    spec.db.txFor(tenantId, async (m) => ((await m.query(`select provider_sid from messages where id = $1`, [id])) as { provider_sid: string | null }[])[0]);

  it('binds its arguments as parameters, quotes and all, under the tenant only, and the setting ends with the call', async () => {
    const a = await createTenantFixture(spec.db);
    const b = await createTenantFixture(spec.db);
    const id = await outbound(a.tenantId, 'hello');
    const tricky = `SM'; drop table messages; -- \\ $1`;
    // Another tenant's row is not there for the function: row-level security applies to it.
    expect(await spec.db.call('record_provider_sid', b.tenantId, [id, 'SMother'])).toEqual([]);
    expect(await sidOf(a.tenantId, id)).toEqual({ provider_sid: null });
    expect(await spec.db.call('record_provider_sid', a.tenantId, [id, tricky])).toEqual([{ id }]);
    expect(await sidOf(a.tenantId, id)).toEqual({ provider_sid: tricky });
    // The pool has one connection: the tenant set for the call did not outlive it.
    expect(await spec.db.unscoped(`select coalesce(current_setting('app.tenant_id', true), '') as tenant`)).toEqual([{ tenant: '' }]);
  });

  it('claims a message once, in one statement', async () => {
    const a = await createTenantFixture(spec.db);
    const id = await outbound(a.tenantId, 'claim me');
    const [claimed] = await spec.db.call<{ id: string; status: string; attempts: number; urgency: string }>('claim_message', a.tenantId, [id]);
    expect(claimed).toMatchObject({ id, status: 'sending', attempts: 1, urgency: 'urgent' });
    expect(await spec.db.call('claim_message', a.tenantId, [id])).toEqual([]);
  });

  it('leaves the connection usable after a failing call', async () => {
    const a = await createTenantFixture(spec.db);
    await expect(spec.db.call('record_provider_sid', a.tenantId, ['not-a-uuid', 'SM1'])).rejects.toThrow(/invalid input syntax for type uuid/);
    expect(await spec.db.unscoped(`select 1 as ok`)).toEqual([{ ok: 1 }]);
    await expect(spec.db.call('no_such_function', a.tenantId)).rejects.toThrow(/does not exist/);
    expect(await spec.db.unscoped(`select 1 as ok`)).toEqual([{ ok: 1 }]);
  });

  it('refuses a tenant id that is not a UUID and a name that is not a function name', async () => {
    const a = await createTenantFixture(spec.db);
    await expect(spec.db.call('claim_message', 'x', [a.tenantId])).rejects.toThrow(/not a tenant id/);
    await expect(spec.db.call('claim_message(null, null); select 1; --', a.tenantId)).rejects.toThrow(/not a function name/);
  });
});
