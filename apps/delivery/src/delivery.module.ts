import { DynamicModule, Module } from '@nestjs/common';
import { DeliveryEnv } from '@porchlight/config';
import { QueueName } from '@porchlight/contracts';
import { DatabaseModule, TenantDb } from '@porchlight/database';
import { SurveyConversation } from '@porchlight/engagement';
import { SecretBox, TenantRepository } from '@porchlight/identity';
import { ProcessInboundUseCase, ResolveMessageUseCase, SenderRateLimiter, SendMessageUseCase, SmsProviders, TenantSmsCache } from '@porchlight/messaging';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { JobProducer, PRODUCER_REDIS, QueueModule } from '@porchlight/queue';
import IORedis from 'ioredis';
import { ProcessInboundProcessor } from './process-inbound.processor';
import { ResolveMessageProcessor } from './resolve-message.processor';
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
      ],
      providers: [
        { provide: SecretBox, useValue: new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS) },
        { provide: TenantRepository, useFactory: (box: SecretBox) => new TenantRepository(box), inject: [SecretBox] },
        { provide: TenantSmsCache, useFactory: (db: TenantDb, t: TenantRepository) => new TenantSmsCache(db, t), inject: [TenantDb, TenantRepository] },
        { provide: SmsProviders, useValue: new SmsProviders(env.SMS_SANDBOX_URL) },
        { provide: SenderRateLimiter, useFactory: (redis: IORedis) => new SenderRateLimiter(redis, env.QUEUE_PREFIX), inject: [PRODUCER_REDIS] },
        {
          provide: SendMessageUseCase,
          useFactory: (db: TenantDb, cache: TenantSmsCache, providers: SmsProviders, limiter: SenderRateLimiter, jobs: JobProducer) =>
            new SendMessageUseCase(db, cache, providers, env.PUBLIC_BASE_URL.replace(/\/$/, ''), limiter, env.UNREACHABLE_RETRY_SECONDS * 1000, jobs),
          inject: [TenantDb, TenantSmsCache, SmsProviders, SenderRateLimiter, JobProducer],
        },
        {
          provide: ResolveMessageUseCase,
          useFactory: (db: TenantDb, cache: TenantSmsCache, providers: SmsProviders, jobs: JobProducer) => new ResolveMessageUseCase(db, cache, providers, jobs),
          inject: [TenantDb, TenantSmsCache, SmsProviders, JobProducer],
        },
        { provide: SurveyConversation, useValue: new SurveyConversation() },
        {
          provide: ProcessInboundUseCase,
          useFactory: (db: TenantDb, jobs: JobProducer, surveys: SurveyConversation) => new ProcessInboundUseCase(db, jobs, surveys),
          inject: [TenantDb, JobProducer, SurveyConversation],
        },
        SendMessageProcessor,
        ResolveMessageProcessor,
        ProcessInboundProcessor,
      ],
    };
  }
}
