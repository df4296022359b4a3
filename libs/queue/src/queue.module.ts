import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { JobName, QueueName } from '@porchlight/contracts';
import IORedis from 'ioredis';
import { JOB_HANDLER, Handler } from './job-handler';
import { JobProducer } from './job-producer';
import { producerConnection, workerConnection } from './redis';
import { buildHandlerMap, WorkerHost, WorkerHostOptions } from './worker-host';

export interface QueueModuleOptions {
  redisUrl: string;
  /** BullMQ key prefix (QUEUE_PREFIX). */
  prefix?: string;
  /** Queues whose jobs this app handles; empty for a producer-only app. */
  consumes: QueueName[];
  worker?: WorkerHostOptions;
}

const OPTIONS = Symbol('porchlight:queue-options');
export const PRODUCER_REDIS = Symbol('porchlight:producer-redis');
/** The BullMQ key prefix, under which heartbeats are kept too. */
export const QUEUE_PREFIX = Symbol('porchlight:queue-prefix');

@Injectable()
class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private host?: WorkerHost;
  private readonly connections: IORedis[] = [];

  constructor(
    @Inject(OPTIONS) private readonly options: QueueModuleOptions,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly producer: JobProducer,
    @Inject(PRODUCER_REDIS) private readonly producerRedis: IORedis,
  ) {}

  onApplicationBootstrap(): void {
    const found = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .map((wrapper: InstanceWrapper<unknown>) => ({
        name: this.reflector.get<JobName | undefined>(JOB_HANDLER, wrapper.metatype as Type),
        handler: wrapper.instance as Handler<JobName>,
        owner: wrapper.name as string,
      }))
      .filter((entry): entry is { name: JobName; handler: Handler<JobName>; owner: string } => entry.name !== undefined);
    const handlers = buildHandlerMap(this.options.consumes, found);
    if (this.options.consumes.length === 0) return;
    this.host = new WorkerHost(
      () => {
        const connection = workerConnection(this.options.redisUrl);
        this.connections.push(connection);
        return connection;
      },
      handlers,
      { concurrency: 8, ...this.options.worker, prefix: this.options.prefix },
    );
    this.host.start(this.options.consumes);
    this.logger.log({ msg: 'workers started', queues: this.options.consumes, jobs: [...handlers.keys()] });
  }

  /**
   * The jobs in hand finish before any module's `onApplicationShutdown` runs: Nest calls those
   * module by module in an order nobody chose, and the database must outlive the last job's writes
   * (a send claimed and accepted must record its provider SID).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.host?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    for (const connection of this.connections) connection.disconnect();
    this.producerRedis.disconnect();
  }
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: QUEUE_PREFIX, useValue: options.prefix ?? 'bull' },
        { provide: PRODUCER_REDIS, useFactory: () => producerConnection(options.redisUrl) },
        { provide: JobProducer, useFactory: (redis: IORedis) => new JobProducer(redis, options.prefix), inject: [PRODUCER_REDIS] },
        WorkerLifecycle,
      ],
      exports: [JobProducer, PRODUCER_REDIS, QUEUE_PREFIX],
    };
  }
}
