import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiEnv, providerHostAllowlist, translationFallbacks } from '@porchlight/config';
import { ContactsModule, ContactsSchoolDirectory } from '@porchlight/contacts';
import { DatabaseModule } from '@porchlight/database';
import { IdentityModule, LoginThrottleLimits } from '@porchlight/identity';
import { MessagingModule, phoneOptOuts } from '@porchlight/messaging';
import { createMetricsRegistry, HealthModule } from '@porchlight/observability';
import { OutboundGuard } from '@porchlight/outbound';
import { QueueModule } from '@porchlight/queue';
import { EraseContactUseCase, RecordsModule } from '@porchlight/records';
import { EngagementModule, SurveyDeliveredFlags } from '@porchlight/engagement';
import { TranslationModule } from '@porchlight/translation';
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
          secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS,
          staff: {
            accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
            outboundGuard: guard,
            redisPrefix: env.QUEUE_PREFIX,
            loginThrottle: loginThrottleLimits(env),
            callsPerMinute: env.TOKEN_CALLS_PER_MINUTE,
            schools: ContactsSchoolDirectory,
          },
        }),
        HealthModule.forRoot(createMetricsRegistry('api'), { reportWorkers: true }),
        ContactsModule.forRoot({ optOuts: phoneOptOuts }),
        // The districts' engines, the text each notice language gets, the glossary; keys opened with identity's SecretBox.
        TranslationModule.forRoot({ fallbacks: translationFallbacks(env), guard }),
        RecordsModule,
        // Notices, conversations and Twilio's webhooks; surveys, reach and decisions (closing the loop writes a notice).
        MessagingModule.forRoot({
          api: {
            publicBaseUrl: env.PUBLIC_BASE_URL,
            unreachableRetryMs: env.UNREACHABLE_RETRY_SECONDS * 1000,
            smsSandboxUrl: env.SMS_SANDBOX_URL,
            surveyDeliveries: SurveyDeliveredFlags,
          },
        }),
        EngagementModule.forRoot({ api: true, csvDownloads: { atOnce: env.SURVEY_CSV_DOWNLOADS_AT_ONCE, maxSeconds: env.SURVEY_CSV_MAX_SECONDS } }),
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
        EraseContactUseCase,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*');
  }
}
