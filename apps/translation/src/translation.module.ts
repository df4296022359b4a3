import { DynamicModule, Module } from '@nestjs/common';
import { QueueName } from '@porchlight/contracts';
import { WorkerEnv } from '@porchlight/config';
import { DatabaseModule, TenantDb } from '@porchlight/database';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { JobProducer, QueueModule } from '@porchlight/queue';
import { PrepareNoticeUseCase } from '@porchlight/translation';
import { PrepareNoticeProcessor } from './prepare-notice.processor';

/** Translates notices and replies; owns the "translate notice" job. */
@Module({})
export class TranslationAppModule {
  static forRoot(env: WorkerEnv): DynamicModule {
    const registry = createMetricsRegistry('translation');
    return {
      module: TranslationAppModule,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, applicationName: 'porchlight-translation', poolSize: env.DATABASE_POOL_SIZE ?? 5 }),
        QueueModule.forRoot({
          redisUrl: env.REDIS_URL,
          prefix: env.QUEUE_PREFIX,
          consumes: [QueueName.Translation],
          worker: { concurrency: env.WORKER_CONCURRENCY, shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000, onOutcome: jobMetrics(registry).record },
        }),
        HealthModule.forRoot(registry),
      ],
      providers: [
        { provide: PrepareNoticeUseCase, useFactory: (db: TenantDb, jobs: JobProducer) => new PrepareNoticeUseCase(db, jobs), inject: [TenantDb, JobProducer] },
        PrepareNoticeProcessor,
      ],
    };
  }
}
