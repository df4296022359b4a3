import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiEnv, providerHostAllowlist, translationFallbacks } from '@porchlight/config';
import { ContactsDomainModule } from '@porchlight/contacts';
import { DatabaseModule, TenantDb } from '@porchlight/database';
import { IdentityModule, LoginThrottleLimits, SecretBox, TenantDirectory, TenantRepository } from '@porchlight/identity';
import {
  ApproveTranslationUseCase,
  CancelNoticeUseCase,
  ConversationsUseCases,
  CreateNoticeUseCase,
  GetNoticeUseCase,
  ListNoticeMessagesUseCase,
  ListNoticeRepliesUseCase,
  ListNoticesUseCase,
  PreviewNoticeUseCase,
  PutTranslationUseCase,
  SendNoticeUseCase,
  TwilioWebhooks,
} from '@porchlight/messaging';
import { createMetricsRegistry, HealthModule } from '@porchlight/observability';
import { OutboundGuard } from '@porchlight/outbound';
import { JobProducer, QueueModule } from '@porchlight/queue';
import { RecordsModule } from '@porchlight/records';
import {
  CloseTheLoopUseCase,
  DecisionInputsUseCases,
  DecisionsUseCases,
  PublicDecisionsUseCase,
  ReachReportUseCase,
  SurveyCsvUseCase,
  SurveyResultsUseCase,
  SurveysUseCases,
} from '@porchlight/engagement';
import { GlossaryUseCases, NoticeTexts, TenantTranslator } from '@porchlight/translation';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { SessionController } from './auth/session.controller';
import { ConversationsController } from './conversations/conversations.controller';
import { GlossaryController } from './glossary/glossary.controller';
import { AuthGuard } from './http/auth.guard';
import { RolesGuard } from './http/roles.guard';
import { ImportsController } from './imports/imports.controller';
import { correlationMiddleware } from './http/correlation.middleware';
import { ErrorFilter } from './http/error.filter';
import { InputInterceptor } from './http/input.interceptor';
import { TenantScopeInterceptor } from './http/tenant-scope.interceptor';
import { NoticesController } from './notices/notices.controller';
import { TemplatesController } from './notices/templates.controller';
import { PlatformController } from './platform/platform.controller';
import { RecordsController } from './records/records.controller';
import { ReportsController } from './reports/reports.controller';
import { DecisionsController } from './decisions/decisions.controller';
import { PublicController } from './public/public.controller';
import { RosterController } from './roster/roster.controller';
import { SettingsController } from './settings/settings.controller';
import { SurveysController } from './surveys/surveys.controller';
import { MAX_IMPORT_BYTES, PLATFORM_ADMIN_TOKEN } from './tokens';
import { UsersController } from './users/users.controller';
import { TwilioWebhooksController } from './webhooks/twilio-webhooks.controller';

/**
 * Sign-in locks: an account's start after its 5th failure in a row (remembered for a day) and
 * double with each further one; an address's after 100 failures within 15 minutes, from one minute.
 */
function loginThrottleLimits(env: ApiEnv): LoginThrottleLimits {
  return {
    account: {
      freeFailures: env.LOGIN_ACCOUNT_FREE_FAILURES,
      windowSeconds: 24 * 3600,
      firstLockSeconds: env.LOGIN_ACCOUNT_LOCK_SECONDS,
      maxLockSeconds: env.LOGIN_MAX_LOCK_SECONDS,
    },
    address: {
      freeFailures: env.LOGIN_ADDRESS_FAILURES,
      windowSeconds: env.LOGIN_ADDRESS_WINDOW_SECONDS,
      firstLockSeconds: Math.min(60, env.LOGIN_MAX_LOCK_SECONDS),
      maxLockSeconds: env.LOGIN_MAX_LOCK_SECONDS,
    },
  };
}

/** The HTTP gateway: REST API, Twilio webhooks, OpenAPI, health and metrics. Produces jobs, consumes none. */
@Module({})
export class ApiModule implements NestModule {
  static forRoot(env: ApiEnv): DynamicModule {
    // Where districts' own translation engines may be reached: checked when saved and on every call.
    const guard = new OutboundGuard(providerHostAllowlist(env));
    return {
      module: ApiModule,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, applicationName: 'porchlight-api', poolSize: env.DATABASE_POOL_SIZE ?? 10 }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, consumes: [] }),
        IdentityModule.forRoot({
          secretsKey: env.SECRETS_KEY,
          previousSecretsKey: env.SECRETS_KEY_PREVIOUS,
          accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
          outboundGuard: guard,
          redisPrefix: env.QUEUE_PREFIX,
          loginThrottle: loginThrottleLimits(env),
          callsPerMinute: env.TOKEN_CALLS_PER_MINUTE,
        }),
        HealthModule.forRoot(createMetricsRegistry('api'), { reportWorkers: true }),
        ContactsDomainModule,
        RecordsModule,
      ],
      controllers: [
        PlatformController,
        AuthController,
        SessionController,
        UsersController,
        AuditController,
        SettingsController,
        RosterController,
        ImportsController,
        NoticesController,
        TemplatesController,
        SurveysController,
        ConversationsController,
        GlossaryController,
        RecordsController,
        ReportsController,
        DecisionsController,
        PublicController,
        TwilioWebhooksController,
      ],
      providers: [
        { provide: PLATFORM_ADMIN_TOKEN, useValue: env.PLATFORM_ADMIN_TOKEN },
        { provide: MAX_IMPORT_BYTES, useValue: env.MAX_IMPORT_BYTES },
        // In this order: who the caller is, then whether their role may call the route at all.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: InputInterceptor },
        { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
        ReachReportUseCase,
        DecisionsUseCases,
        DecisionInputsUseCases,
        CloseTheLoopUseCase,
        PublicDecisionsUseCase,
        {
          provide: TenantTranslator,
          useFactory: (db: TenantDb, box: SecretBox) => new TenantTranslator(db, box, { fallbacks: translationFallbacks(env), guard }),
          inject: [TenantDb, SecretBox],
        },
        {
          provide: NoticeTexts,
          useFactory: (db: TenantDb, translator: TenantTranslator) => new NoticeTexts(db, translator),
          inject: [TenantDb, TenantTranslator],
        },
        // One use-case per notice action (libs/messaging/src/notices).
        CreateNoticeUseCase,
        GetNoticeUseCase,
        PutTranslationUseCase,
        ListNoticeMessagesUseCase,
        ListNoticeRepliesUseCase,
        {
          provide: PreviewNoticeUseCase,
          useFactory: (db: TenantDb, texts: NoticeTexts, translator: TenantTranslator) => new PreviewNoticeUseCase(db, texts, translator),
          inject: [TenantDb, NoticeTexts, TenantTranslator],
        },
        ApproveTranslationUseCase,
        SendNoticeUseCase,
        ListNoticesUseCase,
        CancelNoticeUseCase,
        {
          provide: SurveysUseCases,
          useFactory: (db: TenantDb, jobs: JobProducer, translator: TenantTranslator) => new SurveysUseCases(db, jobs, translator),
          inject: [TenantDb, JobProducer, TenantTranslator],
        },
        { provide: SurveyResultsUseCase, useFactory: (db: TenantDb) => new SurveyResultsUseCase(db), inject: [TenantDb] },
        { provide: SurveyCsvUseCase, useFactory: (db: TenantDb) => new SurveyCsvUseCase(db), inject: [TenantDb] },
        { provide: GlossaryUseCases, useFactory: (db: TenantDb) => new GlossaryUseCases(db), inject: [TenantDb] },
        {
          provide: ConversationsUseCases,
          useFactory: (db: TenantDb, jobs: JobProducer, translator: TenantTranslator) => new ConversationsUseCases(db, jobs, translator),
          inject: [TenantDb, JobProducer, TenantTranslator],
        },
        {
          provide: TwilioWebhooks,
          useFactory: (db: TenantDb, directory: TenantDirectory, tenants: TenantRepository, jobs: JobProducer) =>
            new TwilioWebhooks(db, directory, tenants, jobs, env.PUBLIC_BASE_URL.replace(/\/$/, ''), env.UNREACHABLE_RETRY_SECONDS * 1000),
          inject: [TenantDb, TenantDirectory, TenantRepository, JobProducer],
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*');
  }
}
