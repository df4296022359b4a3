import { DynamicModule, Module } from '@nestjs/common';
import { DeliveryEnv } from '@porchlight/config';
import { QueueName } from '@porchlight/contracts';
import { DatabaseModule } from '@porchlight/database';
import { SurveyConversation, SurveyDeliveredFlags } from '@porchlight/engagement';
import { IdentityModule } from '@porchlight/identity';
import { MessagingModule } from '@porchlight/messaging';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { QueueModule } from '@porchlight/queue';
import { ProcessInboundProcessor } from './process-inbound.processor';
import { RefreshStatusProcessor } from './refresh-status.processor';
import { ResolveMessageProcessor } from './resolve-message.processor';
import { SendBatchProcessor } from './send-batch.processor';
import { SendMessageProcessor } from './send-message.processor';

/** Delivery workers: send through the tenant's provider; classify and thread inbound messages, survey answers included. */
@Module({})
export class DeliveryModule {
  static forRoot(env: DeliveryEnv): DynamicModule {
    const registry = createMetricsRegistry('delivery');
    return {
      module: DeliveryModule,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, applicationName: 'porchlight-delivery', poolSize: env.DATABASE_POOL_SIZE ?? 20 }),
        QueueModule.forRoot({
          redisUrl: env.REDIS_URL,
          prefix: env.QUEUE_PREFIX,
          consumes: [QueueName.Delivery, QueueName.Inbound],
          worker: { concurrency: env.WORKER_CONCURRENCY, shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000, onOutcome: jobMetrics(registry).record },
        }),
        HealthModule.forRoot(registry),
        IdentityModule.forRoot({ secretsKey: env.SECRETS_KEY, secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS }),
        // Sends, provider look-ups and inbound texts; a reply a survey is asking for goes to engagement's conversation, a survey message a look-up finds delivered to its recipient's flag.
        MessagingModule.forRoot({
          delivery: {
            publicBaseUrl: env.PUBLIC_BASE_URL,
            unreachableRetryMs: env.UNREACHABLE_RETRY_SECONDS * 1000,
            smsSandboxUrl: env.SMS_SANDBOX_URL,
            surveys: SurveyConversation,
            surveyDeliveries: SurveyDeliveredFlags,
          },
        }),
      ],
      providers: [SendMessageProcessor, SendBatchProcessor, ResolveMessageProcessor, RefreshStatusProcessor, ProcessInboundProcessor],
    };
  }
}
