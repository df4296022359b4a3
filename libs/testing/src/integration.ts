import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { createDataSource, DatabaseOptions, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { createTenantFixture, TenantFixture } from './fixtures';
import { randomHex, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

export type TenantFixtureOptions = NonNullable<Parameters<typeof createTenantFixture>[1]>;

export interface IntegrationOptions {
  /** Open a DataSource on the test database (default true); false for a Redis-only spec. */
  database?: boolean;
  /** Connections in the spec's pool (default 2). */
  poolSize?: number;
  /** The entity classes to map (default: every loaded `@Entity`, as `createDataSource` does). */
  entities?: DatabaseOptions['entities'];
  /** The fixture tenant's options (quiet hours, untranslatedPolicy, timezone), or false for none. */
  tenant?: TenantFixtureOptions | false;
  /** More tenants, created after the fixture tenant: a count, or one options object per tenant. */
  extraTenants?: number | TenantFixtureOptions[];
  /** Open a Redis connection and a JobProducer on the spec's prefix (default true). */
  redis?: boolean;
}

/** What a spec gets; each member throws until the harness's beforeAll has set it up. */
export interface Integration {
  /** `spec-<name>-<random>`: the spec's queue prefix, known at once (for an app the spec starts). */
  readonly prefix: string;
  readonly dataSource: DataSource;
  readonly db: TenantDb;
  readonly fixture: TenantFixture;
  /** The extra tenants, in the order asked for. */
  readonly tenants: TenantFixture[];
  readonly redis: IORedis;
  readonly jobs: JobProducer;
  /** Runs `work` in TenantContext for the fixture tenant (or the tenant given). */
  inTenant<T>(work: () => T | Promise<T>, tenantId?: string): Promise<T>;
  /** Registers cleanup to run before the harness closes its own connections (last registered first). */
  onTeardown(cleanup: () => unknown): void;
}

export interface IntegrationHandle {
  integration: Integration;
  /** Opens everything the options ask for; on failure, closes what it had opened and rethrows. */
  setUp(): Promise<void>;
  /**
   * Runs the spec's cleanups, then closes the job producer, deletes the prefix's Redis keys,
   * disconnects Redis and destroys the DataSource, each step even if an earlier one failed.
   */
  tearDown(): Promise<void>;
}

interface State {
  dataSource?: DataSource;
  db?: TenantDb;
  fixture?: TenantFixture;
  tenants?: TenantFixture[];
  redis?: IORedis;
  jobs?: JobProducer;
}

/** Disconnects and waits until the socket is closed (a few seconds at most), so jest exits by itself. */
async function disconnected(redis: IORedis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<void>((resolve) => {
    redis.once('end', resolve);
    timer = setTimeout(resolve, 5_000);
    timer.unref();
  });
  redis.disconnect();
  if (redis.status !== 'end') await ended;
  clearTimeout(timer);
}

/** The harness without jest's hooks: `useIntegration` is this with beforeAll/afterAll registered. */
export function createIntegration(name: string, options: IntegrationOptions = {}): IntegrationHandle {
  const prefix = `spec-${name}-${randomHex(4)}`;
  let state: State = {};
  const cleanups: (() => unknown)[] = [];
  const wantsDatabase = options.database ?? true;
  const wantsRedis = options.redis ?? true;

  const read = <K extends keyof State>(key: K, why: string): NonNullable<State[K]> => {
    const value = state[key];
    if (value === undefined) {
      throw new Error(`useIntegration('${name}'): ${key} is not there ${why}; read it inside a test or hook, after the harness's beforeAll ran`);
    }
    return value as NonNullable<State[K]>;
  };
  const unless = (enabled: boolean, option: string) => (enabled ? 'yet' : `(the spec passed ${option})`);

  const integration: Integration = {
    prefix,
    get dataSource() {
      return read('dataSource', unless(wantsDatabase, 'database: false'));
    },
    get db() {
      return read('db', unless(wantsDatabase, 'database: false'));
    },
    get fixture() {
      return read('fixture', unless(wantsDatabase && options.tenant !== false, 'tenant: false or database: false'));
    },
    get tenants() {
      return read('tenants', unless(wantsDatabase, 'database: false'));
    },
    get redis() {
      return read('redis', unless(wantsRedis, 'redis: false'));
    },
    get jobs() {
      return read('jobs', unless(wantsRedis, 'redis: false'));
    },
    async inTenant<T>(work: () => T | Promise<T>, tenantId?: string): Promise<T> {
      return TenantContext.run({ tenantId: tenantId ?? integration.fixture.tenantId, correlationId: 'spec' }, async () => work());
    },
    onTeardown(cleanup) {
      cleanups.push(cleanup);
    },
  };

  async function tearDown(): Promise<void> {
    const errors: unknown[] = [];
    const step = async (work: () => unknown) => {
      try {
        await work();
      } catch (error) {
        errors.push(error);
      }
    };
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) await step(cleanup);
    const { jobs, redis, dataSource } = state;
    if (jobs) await step(() => jobs.close());
    if (redis) {
      await step(async () => {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
      });
      await step(() => disconnected(redis));
    }
    if (dataSource?.isInitialized) await step(() => dataSource.destroy());
    state = {};
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `useIntegration('${name}'): ${errors.length} teardown steps failed`);
  }

  async function setUp(): Promise<void> {
    try {
      if (wantsRedis) {
        state.redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
        state.jobs = new JobProducer(state.redis, prefix);
      }
      if (wantsDatabase) {
        const dataSource = createDataSource({
          url: TEST_DATABASE_URL,
          applicationName: `${name}-spec`,
          poolSize: options.poolSize ?? 2,
          entities: options.entities,
        });
        state.dataSource = await dataSource.initialize();
        const db = new TenantDb(dataSource);
        state.db = db;
        if (options.tenant !== false) state.fixture = await createTenantFixture(db, options.tenant ?? {});
        const extra = typeof options.extraTenants === 'number' ? Array.from({ length: options.extraTenants }, () => ({})) : (options.extraTenants ?? []);
        const tenants: TenantFixture[] = [];
        for (const tenant of extra) tenants.push(await createTenantFixture(db, tenant));
        state.tenants = tenants;
      }
    } catch (error) {
      await tearDown().catch(() => undefined);
      throw error;
    }
  }

  return { integration, setUp, tearDown };
}

/**
 * The common setup of an integration spec, in one call at the top of its `describe`: a DataSource
 * on the test database, a fixture tenant, Redis and a JobProducer on a fresh prefix, all closed
 * (and the prefix's keys deleted) in the afterAll it registers. Cleanup the spec registers with
 * `onTeardown` runs first, so an app the spec started stops before the connections it used close.
 */
export function useIntegration(name: string, options: IntegrationOptions = {}): Integration {
  const handle = createIntegration(name, options);
  beforeAll(() => handle.setUp());
  afterAll(() => handle.tearDown());
  return handle.integration;
}
