import type { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv } from '@porchlight/config';
import IORedis from 'ioredis';
import { AddressInfo } from 'node:net';
import { HttpClient } from './http-client';
import { randomHex, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';
import { TEST_SECRETS_KEY } from './fixtures';

export interface InProcessApi {
  url: string;
  /** The application, for a spec that looks inside it (its database pool). */
  app: INestApplication;
  /** A client carrying `token`. */
  as(token: string): HttpClient;
  /** Stops the app and removes its queues from Redis. */
  close(): Promise<void>;
}

/**
 * The API application in this process, on the test database and its own queue prefix. The app
 * factory (`createApiApp` of `apps/api`) is passed in: libraries do not import apps.
 */
export async function startInProcessApi(
  create: (env: ApiEnv) => Promise<INestApplication>,
  options: { prefix: string; env?: Record<string, string> },
): Promise<InProcessApi> {
  const env = loadEnv(ApiEnv, {
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: options.prefix,
    SECRETS_KEY: TEST_SECRETS_KEY,
    PLATFORM_ADMIN_TOKEN: randomHex(16),
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const app = await create(env);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    url,
    app,
    as: (token) => new HttpClient(url, token),
    async close() {
      await app.close();
      const redis = new IORedis(TEST_REDIS_URL);
      const keys = await redis.keys(`${options.prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
