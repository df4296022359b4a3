import { Controller, DynamicModule, Get, Header, Inject, Injectable, Module, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
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

/** `/health/ready`'s 200 body: every check `ok`, and for the API each worker app's state. */
export interface Ready {
  status: 'ok';
  checks: Record<string, string>;
  workers?: Record<WorkerApp, WorkerState>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Terminus indicators for what `/health/ready` checks: Postgres and Redis reachable, every migration applied. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PRODUCER_REDIS) private readonly client: IORedis,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** `postgres`, and `migrations` once Postgres answers (`pending` while some are not applied). */
  async postgres(): Promise<HealthIndicatorResult> {
    const postgres = this.indicators.check('postgres');
    try {
      await this.dataSource.query('select 1');
      const pending = await this.dataSource.showMigrations();
      const migrations = this.indicators.check('migrations');
      return { ...postgres.up(), ...(pending ? migrations.down('pending') : migrations.up()) };
    } catch (error: unknown) {
      return postgres.down(messageOf(error));
    }
  }

  async redis(): Promise<HealthIndicatorResult> {
    const redis = this.indicators.check('redis');
    try {
      await this.client.ping();
      return redis.up();
    } catch (error: unknown) {
      return redis.down(messageOf(error));
    }
  }
}

/** Terminus's result, also when it answers with its 503 exception (some check down, or the app shutting down). */
function resultOf(error: unknown): HealthCheckResult {
  if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
  throw error;
}

/** Each check as `/health/ready` tells it: `ok`, or what is wrong. */
function checksOf(result: HealthCheckResult): Record<string, string> {
  const checks: Record<string, string> = {};
  for (const [key, detail] of Object.entries(result.details)) {
    checks[key] = detail.status === 'up' ? 'ok' : typeof detail.message === 'string' ? detail.message : detail.status;
  }
  return checks;
}

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: ReadinessIndicators,
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
   * 503 only when this app cannot serve (Postgres, Redis, migrations) or is shutting down. The API
   * adds each worker app's state from its heartbeats: a worker that is down shows here without
   * taking the API out of rotation.
   */
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) response: StatusSetter): Promise<Ready | NotReady> {
    const result = await this.health.check([() => this.indicators.postgres(), () => this.indicators.redis()]).catch(resultOf);
    const checks = checksOf(result);
    if (result.status !== 'ok') {
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
      // Terminus's own error log is off: a 503 here is an answer the checks explain, not an error.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        ReadinessIndicators,
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: REPORT_WORKERS, useValue: options.reportWorkers ?? false },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
