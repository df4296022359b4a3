import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PRODUCER_REDIS, QUEUE_PREFIX } from '@porchlight/queue';
import { freePort, useIntegration } from '@porchlight/testing';
import IORedis from 'ioredis';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { HealthController, HealthModule } from './health';

/**
 * `/health/ready` while a service is missing (as while the apps start): a 503 answer that says
 * what is missing, not an exception, so nothing is logged as an error with a stack.
 */
describe('readiness while Redis is not there (Postgres)', () => {
  const spec = useIntegration('health', { poolSize: 1, tenant: false, redis: false });
  // A Redis of its own, at a port where nothing listens.
  let redis: IORedis;

  beforeAll(async () => {
    redis = new IORedis(`redis://127.0.0.1:${await freePort()}`, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    redis.on('error', () => undefined);
  });

  afterAll(() => redis.disconnect());

  it('answers 503 with the checks, without throwing or logging an error', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const status = jest.fn();
    // The module as an app imports it, with the services the app's other modules would give it.
    const health = HealthModule.forRoot(new Registry());
    const services = [
      { provide: DataSource, useValue: spec.dataSource },
      { provide: PRODUCER_REDIS, useValue: redis },
      { provide: QUEUE_PREFIX, useValue: 'spec' },
    ];
    const app = await NestFactory.createApplicationContext({ ...health, providers: [...(health.providers ?? []), ...services] }, { logger: false });
    const controller = app.get(HealthController);
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
    await app.close();
  });
});
