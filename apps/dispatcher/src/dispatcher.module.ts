import { DynamicModule, Module } from '@nestjs/common';
import { DispatcherEnv } from '@porchlight/config';
import { QueueName } from '@porchlight/contracts';
import { DatabaseModule, TenantDb } from '@porchlight/database';
import { SecretBox, TenantRepository } from '@porchlight/identity';
import { FanOutSurveyUseCase, SurveySweep } from '@porchlight/engagement';
import { FanOutNoticeUseCase, Reconciler } from '@porchlight/messaging';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { JobProducer, QueueModule } from '@porchlight/queue';
import { ExportsReconciler, RecordsModule } from '@porchlight/records';
import { ApplyRetentionProcessor } from './apply-retention.processor';
import { FanOutProcessor } from './fan-out.processor';
import { FanOutSurveyProcessor } from './fan-out-survey.processor';
import { RECONCILE_INTERVAL_MS, ReconcilerService } from './reconciler.service';
import { RETENTION_CRON, RetentionScheduleService } from './retention-schedule.service';

/** The message queue: notice and survey fan-out, the reconciler with the survey sweep, and the daily retention sweep. */
@Module({})
export class DispatcherModule {
  static forRoot(env: DispatcherEnv): DynamicModule {
    const registry = createMetricsRegistry('dispatcher');
    return {
      module: DispatcherModule,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, applicationName: 'porchlight-dispatcher', poolSize: env.DATABASE_POOL_SIZE ?? 5 }),
        QueueModule.forRoot({
          redisUrl: env.REDIS_URL,
          prefix: env.QUEUE_PREFIX,
          consumes: [QueueName.Dispatch],
          worker: { concurrency: env.WORKER_CONCURRENCY, shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000, onOutcome: jobMetrics(registry).record },
        }),
        HealthModule.forRoot(registry),
        RecordsModule,
      ],
      providers: [
        { provide: FanOutNoticeUseCase, useFactory: (db: TenantDb, jobs: JobProducer) => new FanOutNoticeUseCase(db, jobs), inject: [TenantDb, JobProducer] },
        {
          provide: Reconciler,
          useFactory: (db: TenantDb, jobs: JobProducer) =>
            new Reconciler(
              db,
              jobs,
              { staleAfterSeconds: env.RECONCILE_STALE_SECONDS, sendingStaleAfterSeconds: env.SENDING_STALE_SECONDS },
              // With the key, each sweep also reports districts whose SMS secret cannot be read.
              env.SECRETS_KEY ? new TenantRepository(new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS)) : undefined,
            ),
          inject: [TenantDb, JobProducer],
        },
        { provide: ExportsReconciler, useFactory: (db: TenantDb, jobs: JobProducer) => new ExportsReconciler(db, jobs, env.RECONCILE_STALE_SECONDS), inject: [TenantDb, JobProducer] },
        { provide: FanOutSurveyUseCase, useFactory: (db: TenantDb, jobs: JobProducer) => new FanOutSurveyUseCase(db, jobs), inject: [TenantDb, JobProducer] },
        { provide: SurveySweep, useFactory: (db: TenantDb, jobs: JobProducer) => new SurveySweep(db, jobs), inject: [TenantDb, JobProducer] },
        { provide: RECONCILE_INTERVAL_MS, useValue: env.RECONCILE_INTERVAL_SECONDS * 1000 },
        { provide: RETENTION_CRON, useValue: env.RETENTION_CRON },
        FanOutProcessor,
        FanOutSurveyProcessor,
        ApplyRetentionProcessor,
        ReconcilerService,
        RetentionScheduleService,
      ],
    };
  }
}
