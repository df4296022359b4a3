import { DynamicModule, Module } from '@nestjs/common';
import { DispatcherEnv } from '@porchlight/config';
import { QueueName } from '@porchlight/contracts';
import { DatabaseModule } from '@porchlight/database';
import { IdentityModule } from '@porchlight/identity';
import { EngagementModule } from '@porchlight/engagement';
import { MessagingModule } from '@porchlight/messaging';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { QueueModule } from '@porchlight/queue';
import { RecordsModule } from '@porchlight/records';
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
        RecordsModule.forRoot({ exportsReconciler: { staleAfterSeconds: env.RECONCILE_STALE_SECONDS } }),
        // With the key, each sweep also reports districts whose SMS secret cannot be read.
        ...(env.SECRETS_KEY ? [IdentityModule.forRoot({ secretsKey: env.SECRETS_KEY, secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS })] : []),
        MessagingModule.forRoot({
          dispatcher: {
            reconciler: {
              staleAfterSeconds: env.RECONCILE_STALE_SECONDS,
              sendingStaleAfterSeconds: env.SENDING_STALE_SECONDS,
              statusStaleAfterSeconds: env.STATUS_STALE_SECONDS,
            },
            checkSmsSecrets: Boolean(env.SECRETS_KEY),
          },
        }),
        EngagementModule.forRoot({ dispatcher: true }),
      ],
      providers: [
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
