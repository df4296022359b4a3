import { Controller, Get, Header, Inject, Module, DynamicModule, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PRODUCER_REDIS } from '@porchlight/queue';
import { Public } from '@porchlight/tenancy';
import IORedis from 'ioredis';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';

export const METRICS_REGISTRY = Symbol('porchlight:metrics-registry');

/** What `/health/ready` checks: Postgres and Redis reachable, every migration applied. */
export async function readiness(dataSource: DataSource, redis: IORedis): Promise<Record<string, 'ok' | string>> {
  const checks: Record<string, string> = {};
  try {
    await dataSource.query('select 1');
    checks.postgres = 'ok';
    checks.migrations = (await dataSource.showMigrations()) ? 'pending' : 'ok';
  } catch (error) {
    checks.postgres = (error as Error).message;
  }
  try {
    checks.redis = (await redis.ping()) === 'PONG' ? 'ok' : 'no answer';
  } catch (error) {
    checks.redis = (error as Error).message;
  }
  return checks;
}

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PRODUCER_REDIS) private readonly redis: IORedis,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  @Get('health')
  alive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    const checks = await readiness(this.dataSource, this.redis);
    if (Object.values(checks).some((value) => value !== 'ok')) {
      throw new ServiceUnavailableException({ message: 'not ready', details: checks });
    }
    return { status: 'ok', checks };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** `/health`, `/health/ready` and `/metrics` for any app with a database and Redis. */
@Module({})
export class HealthModule {
  static forRoot(registry: Registry): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [{ provide: METRICS_REGISTRY, useValue: registry }],
      exports: [METRICS_REGISTRY],
    };
  }
}
