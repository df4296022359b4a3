import { createTenantFixture, useIntegration } from '@porchlight/testing';
import { EntitySchema } from 'typeorm';
import { query } from './sql';

interface AuditRow {
  id?: string;
  tenantId: string;
  action: string;
}

/** A row of `audit_log`, mapped here (as a schema, not a decorated class, so nothing global) so the spec needs no domain lib. */
const AuditRow = new EntitySchema<AuditRow>({
  name: 'SpecAuditRow',
  tableName: 'audit_log',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    tenantId: { type: 'uuid', name: 'tenant_id' },
    action: { type: 'text' },
  },
});

describe("TenantDb's transactions with TypeORM's entity manager (Postgres, as the application role)", () => {
  const spec = useIntegration('tenant-db-entities', { poolSize: 1, tenant: false, redis: false, entities: [AuditRow] });

  const count = (tenantId: string, action: string) =>
    spec.db.txFor(tenantId, async (m) => (await query<{ n: number }>(m, `select count(*)::int as n from audit_log where action = $1`, [action]))[0].n);

  it('keeps save() inside the tenant transaction: a later failure rolls the saved row back', async () => {
    const a = await createTenantFixture(spec.db);
    await expect(
      spec.db.txFor(a.tenantId, async (m) => {
        await m.save(AuditRow, { tenantId: a.tenantId, action: 'spec.saved-then-failed' });
        // Had save() opened and committed its own transaction, the tenant setting would be gone here.
        expect(await query<{ tenant: string }>(m, `select current_setting('app.tenant_id', true) as tenant`)).toEqual([{ tenant: a.tenantId }]);
        throw new Error('later failure');
      }),
    ).rejects.toThrow('later failure');
    expect(await count(a.tenantId, 'spec.saved-then-failed')).toBe(0);
  });

  it('commits what save() wrote with the transaction, visible to its tenant only', async () => {
    const a = await createTenantFixture(spec.db);
    const b = await createTenantFixture(spec.db);
    await spec.db.txFor(a.tenantId, (m) => m.save(AuditRow, { tenantId: a.tenantId, action: 'spec.saved' }));
    expect(await count(a.tenantId, 'spec.saved')).toBe(1);
    expect(await count(b.tenantId, 'spec.saved')).toBe(0);
  });

  it('takes a savepoint for a nested transaction, and the connection leaves the pool clean', async () => {
    const a = await createTenantFixture(spec.db);
    await spec.db.txFor(a.tenantId, async (m) => {
      await m.save(AuditRow, { tenantId: a.tenantId, action: 'spec.outer' });
      await expect(
        m.transaction(async (inner) => {
          await inner.save(AuditRow, { tenantId: a.tenantId, action: 'spec.inner' });
          throw new Error('inner failure');
        }),
      ).rejects.toThrow('inner failure');
    });
    expect(await count(a.tenantId, 'spec.outer')).toBe(1);
    expect(await count(a.tenantId, 'spec.inner')).toBe(0);
    // One pooled connection: the next transaction starts from nothing.
    const runner = spec.dataSource.createQueryRunner();
    expect(runner.isTransactionActive).toBe(false);
    await runner.release();
  });
});
