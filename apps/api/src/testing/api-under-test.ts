import { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv } from '@porchlight/config';
import { TenantDb } from '@porchlight/database';
import { AccessTokens } from '@porchlight/identity';
import { Role } from '@porchlight/contracts';
import { addStaffUser, createIntegration, randomHex, TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS_KEY, TenantFixture } from '@porchlight/testing';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { ApiAppOptions, createApiApp } from '../bootstrap';

/** The API built in-process on the test database and Redis, with a fixture district to call it as. */
export interface ApiUnderTest {
  app: INestApplication;
  base: string;
  env: ApiEnv;
  dataSource: DataSource;
  db: TenantDb;
  fixture: TenantFixture;
  platformToken: string;
  /**
   * An access token of the fixture district: its admin's, another user's when an id is given, or
   * that of a staff member with the given role (created once per role: the guard reads the role
   * from the user's row, not from the token).
   */
  token(role?: Role, userId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `prepare` runs on the built app before it listens, so middleware it adds (a benchmark's bare
 * route) sits in Express ahead of Nest's routes, like the API's own plain routes.
 */
export async function startApiUnderTest(
  name: string,
  overrides: Record<string, string> = {},
  options: ApiAppOptions = {},
  prepare?: (app: INestApplication) => void,
): Promise<ApiUnderTest> {
  // The spec's connections, fixture tenant and prefix: the integration harness's, without its jest hooks.
  const harness = createIntegration(name);
  await harness.setUp();
  const { prefix, dataSource, db, fixture } = harness.integration;
  const platformToken = `platform-${randomHex(16)}`;
  const env = loadEnv(ApiEnv, {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SECRETS_KEY: TEST_SECRETS_KEY,
    PLATFORM_ADMIN_TOKEN: platformToken,
    LOG_LEVEL: 'error',
    ...overrides,
  });
  const app = await createApiApp(env, options).catch(async (error: unknown) => {
    await harness.tearDown();
    throw error;
  });
  harness.integration.onTeardown(() => app.close());
  try {
    prepare?.(app);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await harness.tearDown();
    throw error;
  }
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const tokens = new AccessTokens(TEST_SECRETS_KEY, 3600);
  const users = new Map<Role, Promise<string>>([['district_admin', Promise.resolve(fixture.adminId)]]);
  const userWith = (role: Role) => {
    if (!users.has(role)) users.set(role, addStaffUser(db, fixture.tenantId, { role }));
    return users.get(role)!;
  };
  return {
    app,
    base,
    env,
    dataSource,
    db,
    fixture,
    platformToken,
    token: async (role = 'district_admin', userId?: string) => tokens.issue({ userId: userId ?? (await userWith(role)), tenantId: fixture.tenantId }),
    // The app stops first, then the harness closes the spec's connections and deletes the prefix's keys.
    close: () => harness.tearDown(),
  };
}

/** The operations of the OpenAPI document the API serves, with whether each needs a bearer token. */
export interface Operation {
  method: string;
  path: string;
  bearer: boolean;
  consumes: string[];
  pathParams: string[];
  queryParams: string[];
  requestSchema?: unknown;
}

export async function servedOperations(base: string): Promise<{ operations: Operation[]; document: any }> {
  const document = (await (await fetch(`${base}/api/docs-json`)).json()) as any;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      const parameters: any[] = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        bearer: (operation.security ?? []).some((requirement: object) => 'bearer' in requirement),
        consumes: Object.keys(content),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        requestSchema: content['application/json']?.schema,
      });
    }
  }
  return { operations, document };
}
