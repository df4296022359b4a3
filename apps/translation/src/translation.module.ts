import { DynamicModule, Module } from '@nestjs/common';
import { QueueName } from '@porchlight/contracts';
import { providerHostAllowlist, TranslationEnv, translationFallbacks } from '@porchlight/config';
import { DatabaseModule, TenantDb } from '@porchlight/database';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { OutboundGuard } from '@porchlight/outbound';
import { JobProducer, QueueModule } from '@porchlight/queue';
import { SecretBox } from '@porchlight/identity';
import { PrepareSurveyUseCase } from '@porchlight/engagement';
import { NoticeTexts, PrepareNoticeUseCase, TenantTranslator, TranslateReplyUseCase } from '@porchlight/translation';
import { PrepareNoticeProcessor } from './prepare-notice.processor';
import { PrepareSurveyProcessor } from './prepare-survey.processor';
import { TranslateReplyProcessor } from './translate-reply.processor';

/** Translates notices, surveys and replies; owns the "translate notice", "translate survey" and "translate reply" jobs. */
@Module({})
export class TranslationAppModule {
  static forRoot(env: TranslationEnv): DynamicModule {
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
        {
          provide: TenantTranslator,
          useFactory: (db: TenantDb) =>
            new TenantTranslator(db, new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS), { fallbacks: translationFallbacks(env), guard: new OutboundGuard(providerHostAllowlist(env)) }),
          inject: [TenantDb],
        },
        {
          provide: PrepareNoticeUseCase,
          useFactory: (db: TenantDb, jobs: JobProducer, translator: TenantTranslator) => new PrepareNoticeUseCase(db, jobs, new NoticeTexts(db, translator)),
          inject: [TenantDb, JobProducer, TenantTranslator],
        },
        PrepareNoticeProcessor,
        {
          provide: PrepareSurveyUseCase,
          useFactory: (db: TenantDb, jobs: JobProducer, translator: TenantTranslator) => new PrepareSurveyUseCase(db, jobs, translator),
          inject: [TenantDb, JobProducer, TenantTranslator],
        },
        PrepareSurveyProcessor,
        {
          provide: TranslateReplyUseCase,
          useFactory: (db: TenantDb, translator: TenantTranslator) => new TranslateReplyUseCase(db, translator),
          inject: [TenantDb, TenantTranslator],
        },
        TranslateReplyProcessor,
      ],
    };
  }
}
