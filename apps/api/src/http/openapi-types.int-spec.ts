import { readFileSync } from 'node:fs';
import { ApiEnv, loadEnv } from '@porchlight/config';
import { InProcessApi, randomHex, startInProcessApi, TEST_SECRETS_KEY } from '@porchlight/testing';
import { API_TYPES_COMMAND, renderApiTypes, SCHEMA_FILE, SCHEMA_PATH } from '../../../../tools/api-types';
import { createApiApp } from '../bootstrap';
import { apiDocumentOffline, OPENAPI_JSON_PATH } from './openapi';

jest.setTimeout(60_000);

/**
 * The portal's client is typed by `apps/portal/src/api/schema.d.ts`, generated from the OpenAPI
 * description: a route or DTO changed without regenerating it fails here, naming the command.
 */
describe('The portal’s API types (HTTP)', () => {
  let api: InProcessApi;
  let served: object;

  beforeAll(async () => {
    api = await startInProcessApi(createApiApp, { prefix: `spec-api-types-${randomHex(4)}` });
    served = (await (await fetch(`${api.url}${OPENAPI_JSON_PATH}`)).json()) as object;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('are what the served description generates', async () => {
    const generated = await renderApiTypes(served);
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    if (generated !== checkedIn) throw new Error(`${SCHEMA_PATH} is out of date with ${OPENAPI_JSON_PATH}: run \`${API_TYPES_COMMAND}\` and commit the result`);
  });

  it('come from the same description when the script builds it without Postgres or Redis', async () => {
    const env = loadEnv(ApiEnv, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
      REDIS_URL: 'redis://127.0.0.1:9',
      SECRETS_KEY: TEST_SECRETS_KEY,
      PLATFORM_ADMIN_TOKEN: randomHex(16),
    });
    expect(await apiDocumentOffline(env)).toEqual(served);
  });
});
