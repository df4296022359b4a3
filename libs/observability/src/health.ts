import { Controller, Get, Header, Inject, Module, DynamicModule, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PRODUCER_REDIS, QUEUE_PREFIX, WorkerApp, WorkerState, workerStates } from '@porchlight/queue';
import { Public } from '@porchlight/tenancy';
import IORedis from 'ioredis';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** The part of a response the readiness route sets: its status. */
interface StatusSetter {
  status(code: number): unknown;
}

export const METRICS_REGISTRY = Symbol('porchlight:metrics-registry');
const REPORT_WORKERS = Symbol('porchlight:report-workers');

/** `/health/ready`'s 503 body, in the API's error shape. */
export interface NotReady {
  statusCode: 503;
  error: 'Service Unavailable';
  message: 'not ready';
  details: Record<string, string>;
}

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
    @Inject(QUEUE_PREFIX) private readonly prefix: string,
    @Inject(REPORT_WORKERS) private readonly reportWorkers: boolean,
  ) {}

  @Get('health')
  alive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 503 only when this app cannot serve (Postgres, Redis, migrations). The API adds each worker
   * app's state from its heartbeats: a worker that is down shows here without taking the API out
   * of rotation.
   */
  @Get('health/ready')
  async ready(
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<{ status: 'ok'; checks: Record<string, string>; workers?: Record<WorkerApp, WorkerState> } | NotReady> {
    const checks = await readiness(this.dataSource, this.redis);
    if (Object.values(checks).some((value) => value !== 'ok')) {
      // An answer, not a failure: probes ask this while the app starts and while a service is down,
      // so it is neither thrown nor logged (the checks say what is missing).
      response.status(503);
      return { statusCode: 503, error: 'Service Unavailable', message: 'not ready', details: checks };
    }
    return this.reportWorkers ? { status: 'ok', checks, workers: await workerStates(this.redis, this.prefix) } : { status: 'ok', checks };
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
  /** `reportWorkers`: `/health/ready` also tells each worker app's state (the API's). */
  static forRoot(registry: Registry, options: { reportWorkers?: boolean } = {}): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: REPORT_WORKERS, useValue: options.reportWorkers ?? false },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
