import { Logger } from '@nestjs/common';
import { createDataSource } from '@porchlight/database';
import { freePort, TEST_DATABASE_URL } from '@porchlight/testing';
import IORedis from 'ioredis';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { HealthController } from './health';

/**
 * `/health/ready` while a service is missing (as while the apps start): a 503 answer that says
 * what is missing, not an exception, so nothing is logged as an error with a stack.
 */
describe('readiness while Redis is not there (Postgres)', () => {
  let dataSource: DataSource;
  let redis: IORedis;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: TEST_DATABASE_URL, applicationName: 'health-spec', poolSize: 1 }).initialize();
    redis = new IORedis(`redis://127.0.0.1:${await freePort()}`, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    redis.on('error', () => undefined);
  });

  afterAll(async () => {
    redis.disconnect();
    await dataSource.destroy();
  });

  it('answers 503 with the checks, without throwing or logging an error', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const status = jest.fn();
    const controller = new HealthController(dataSource, redis, new Registry(), 'spec', false);
    const answer = await controller.ready({ status });
    expect(status).toHaveBeenCalledWith(503);
    expect(answer).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'not ready',
      details: { postgres: 'ok', redis: expect.any(String) },
    });
    expect((answer as { details: Record<string, string> }).details.redis).not.toBe('ok');
    expect(errors).not.toHaveBeenCalled();
  });
});
