import { randomUUID } from 'node:crypto';
import { JobName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import IORedis from 'ioredis';
import { createIntegration, useIntegration } from './integration';
import { TEST_REDIS_URL } from './test-env';

describe('useIntegration: what an integration spec gets (Postgres and Redis)', () => {
  const spec = useIntegration('harness', { poolSize: 1, tenant: { quietHours: { start: '21:00', end: '07:00' } }, extraTenants: 2 });

  it('opens a DataSource, a fixture tenant with its options, the extra tenants, and Redis on the prefix', async () => {
    expect(spec.dataSource.isInitialized).toBe(true);
    expect(spec.prefix).toMatch(/^spec-harness-[0-9a-f]{8}$/);
    const ids = [spec.fixture.tenantId, ...spec.tenants.map((t) => t.tenantId)];
    expect(new Set(ids).size).toBe(3);
    const [row] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select quiet_hours_start::text as start from tenants where id = $1`, [spec.fixture.tenantId]),
    );
    expect(row.start).toBe('21:00:00');
    expect(await spec.redis.ping()).toBe('PONG');
  });

  it('runs work in TenantContext for the fixture tenant, or the tenant given', async () => {
    expect(await spec.inTenant(() => TenantContext.tenantId())).toBe(spec.fixture.tenantId);
    expect(await spec.inTenant(async () => TenantContext.tenantId(), spec.tenants[1].tenantId)).toBe(spec.tenants[1].tenantId);
  });
});

describe('the integration harness, set up and torn down directly', () => {
  const outside = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  afterAll(() => outside.disconnect());

  it('throws a clear error when read before set-up, and names what an option left out', async () => {
    const { integration } = createIntegration('early', { redis: false });
    expect(() => integration.db).toThrow(/useIntegration\('early'\): db is not there yet/);
    expect(() => integration.redis).toThrow(/redis is not there \(the spec passed redis: false\)/);
  });

  it("closes everything in order and removes the prefix's keys, after the spec's own cleanups (last first)", async () => {
    const handle = createIntegration('teardown', { poolSize: 1, tenant: false });
    await handle.setUp();
    const { integration } = handle;
    const { dataSource, redis } = integration;
    expect(() => integration.fixture).toThrow(/fixture is not there \(the spec passed tenant: false/);
    await integration.jobs.add({ name: JobName.BuildExport, tenantId: randomUUID(), exportId: randomUUID() });
    await redis.set(`${integration.prefix}:own`, '1');
    await outside.set(`${integration.prefix}x:neighbour`, '1');
    expect((await outside.keys(`${integration.prefix}:*`)).length).toBeGreaterThan(1);
    const order: string[] = [];
    integration.onTeardown(() => order.push(`first, connections open: ${dataSource.isInitialized && redis.status === 'ready'}`));
    integration.onTeardown(() => order.push('second'));

    await handle.tearDown();

    expect(order).toEqual(['second', 'first, connections open: true']);
    expect(await outside.keys(`${integration.prefix}:*`)).toEqual([]);
    // Only the prefix's own keys: a neighbouring prefix keeps its keys.
    expect(await outside.get(`${integration.prefix}x:neighbour`)).toBe('1');
    await outside.del(`${integration.prefix}x:neighbour`);
    expect(dataSource.isInitialized).toBe(false);
    expect(redis.status).toBe('end');
    expect(() => integration.dataSource).toThrow(/dataSource is not there yet/);
  });

  it('still closes the connections when a cleanup of the spec fails, and reports the failure', async () => {
    const handle = createIntegration('failing-cleanup', { poolSize: 1, tenant: false });
    await handle.setUp();
    const { dataSource, redis } = handle.integration;
    handle.integration.onTeardown(() => {
      throw new Error('app would not stop');
    });
    await expect(handle.tearDown()).rejects.toThrow('app would not stop');
    expect(dataSource.isInitialized).toBe(false);
    expect(redis.status).toBe('end');
  });
});
