import { randomUUID } from 'node:crypto';
import { useIntegration } from '@porchlight/testing';

/** Row-level security, proven as the application role the services use. */
describe('tenant isolation in Postgres', () => {
  const spec = useIntegration('rls', { tenant: false, redis: false });
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  const createTenant = (id: string, slug: string) =>
    spec.db.txFor(id, async (m) => {
      await m.query(
        `insert into tenants (id, slug, name, timezone, country, default_language, languages, sms_provider, sms_account_sid, sms_auth_token_enc)
         values ($1, $2, $2, 'America/Chicago', 'US', 'en', '{en}', 'sandbox', 'AC' || md5($2), 'sealed')`,
        [id, slug],
      );
      await m.query(`insert into schools (tenant_id, name) values ($1, $2)`, [id, `${slug} school`]);
    });

  beforeAll(async () => {
    await createTenant(tenantA, `rls-a-${tenantA.slice(0, 8)}`);
    await createTenant(tenantB, `rls-b-${tenantB.slice(0, 8)}`);
  });

  it('connects as a role that is neither superuser nor owner and cannot bypass RLS', async () => {
    const [role] = await spec.dataSource.query(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const [{ owner }] = await spec.dataSource.query(`select tableowner as owner from pg_tables where tablename = 'schools'`);
    const [{ user }] = await spec.dataSource.query(`select current_user as user`);
    expect(owner).not.toBe(user);
  });

  it('forces RLS on every table that has a tenant_id', async () => {
    const tables = await spec.dataSource.query(`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      join information_schema.columns col on col.table_name = c.relname and col.column_name = 'tenant_id' and col.table_schema = 'public'
      where c.relkind = 'r' and c.relname <> 'tenant_directory'`);
    expect(tables.length).toBeGreaterThanOrEqual(13);
    for (const table of tables) expect([table.relname, table.relrowsecurity, table.relforcerowsecurity]).toEqual([table.relname, true, true]);
  });

  it('reads the tenant once per statement in every policy, not once per row', async () => {
    const policies: { tablename: string; qual: string; with_check: string }[] = await spec.dataSource.query(
      `select tablename, qual, with_check from pg_policies where schemaname = 'public' and policyname = 'tenant_isolation'`,
    );
    expect(policies.length).toBeGreaterThanOrEqual(13);
    const once = /^\(tenant_id = \( ?SELECT \(NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)\)::uuid AS "nullif"\)\)$/;
    for (const policy of policies) expect([policy.tablename, once.test(policy.qual), once.test(policy.with_check)]).toEqual([policy.tablename, true, true]);
    const plan = await spec.db.txFor(tenantA, (m) => m.query(`explain (costs off) select count(*) from schools`));
    expect(plan.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n')).toMatch(/InitPlan/);
  });

  it('shows no rows to a query without a tenant', async () => {
    const [{ count }] = await spec.dataSource.query(`select count(*)::int as count from schools`);
    expect(count).toBe(0);
    const [{ tenants }] = await spec.dataSource.query(`select count(*)::int as tenants from tenants`);
    expect(tenants).toBe(0);
  });

  it('shows no rows after a tenant transaction ends on the same pooled connection', async () => {
    await spec.db.txFor(tenantA, (m) => m.query('select 1'));
    const counts = await Promise.all([1, 2].map(() => spec.dataSource.query(`select count(*)::int as count from schools`)));
    expect(counts.map(([row]) => row.count)).toEqual([0, 0]);
  });

  it("never shows tenant A another tenant's rows", async () => {
    const names = await spec.db.txFor(tenantA, (m) => m.query(`select tenant_id from schools`));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((row: { tenant_id: string }) => row.tenant_id === tenantA)).toBe(true);
    const [{ count }] = await spec.db.txFor(tenantA, (m) => m.query(`select count(*)::int as count from schools where tenant_id = $1`, [tenantB]));
    expect(count).toBe(0);
  });

  it("refuses to write a row into another tenant's space", async () => {
    await expect(spec.db.txFor(tenantA, (m) => m.query(`insert into schools (tenant_id, name) values ($1, 'smuggled')`, [tenantB]))).rejects.toThrow(
      /row-level security/,
    );
    const updated = await spec.db.txFor(tenantA, (m) => m.query(`update schools set name = 'renamed' where tenant_id = $1`, [tenantB]));
    expect(updated[1]).toBe(0);
  });

  it('keeps the audit log append-only for the application role', async () => {
    await spec.db.txFor(tenantA, (m) => m.query(`insert into audit_log (tenant_id, action) values ($1, 'spec.check')`, [tenantA]));
    await expect(spec.db.txFor(tenantA, (m) => m.query(`delete from audit_log`))).rejects.toThrow(/permission denied/);
  });
});
