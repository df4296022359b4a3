import { DynamicModule, Module } from '@nestjs/common';
import { QueueName } from '@porchlight/contracts';
import { providerHostAllowlist, TranslationEnv, translationFallbacks } from '@porchlight/config';
import { DatabaseModule } from '@porchlight/database';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { OutboundGuard } from '@porchlight/outbound';
import { QueueModule } from '@porchlight/queue';
import { IdentityModule } from '@porchlight/identity';
import { EngagementModule } from '@porchlight/engagement';
import { MessagingModule } from '@porchlight/messaging';
import { TranslationModule } from '@porchlight/translation';
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
        IdentityModule.forRoot({ secretsKey: env.SECRETS_KEY, secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS }),
        TranslationModule.forRoot({
          fallbacks: translationFallbacks(env),
          guard: new OutboundGuard(providerHostAllowlist(env)),
        }),
        MessagingModule.forRoot({ translation: true }),
        EngagementModule.forRoot({ translation: true }),
      ],
      providers: [PrepareNoticeProcessor, PrepareSurveyProcessor, TranslateReplyProcessor],
    };
  }
}
