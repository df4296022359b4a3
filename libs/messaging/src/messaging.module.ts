import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TenantRepository } from '@porchlight/identity';
import { ConsentHistoryUseCase } from './consent-history';
import { ConversationThreads } from './conversation-threads';
import { ConversationsUseCases } from './conversations.use-cases';
import { FanOutNoticeUseCase } from './fan-out.use-case';
import {
  INBOUND_SURVEYS,
  RECONCILER_OPTIONS,
  SMS_PROVIDER_OPTIONS,
  SMS_SECRET_READER,
  SURVEY_DELIVERIES,
  TWILIO_CALLBACK_OPTIONS,
  TwilioCallbackOptions,
} from './messaging.tokens';
import {
  ApproveTranslationUseCase,
  CancelNoticeUseCase,
  CountAudienceUseCase,
  CreateNoticeUseCase,
  GetNoticeUseCase,
  ListNoticeMessagesUseCase,
  ListNoticeRepliesUseCase,
  ListNoticesUseCase,
  PreviewNoticeUseCase,
  PutTranslationUseCase,
  SendNoticeUseCase,
} from './notices';
import { InboundSurveys, ProcessInboundUseCase } from './process-inbound.use-case';
import { Reconciler, ReconcilerOptions } from './reconciler';
import { RefreshStatusUseCase } from './refresh-status.use-case';
import { ResolveMessageUseCase } from './resolve-message.use-case';
import { SendBatchUseCase } from './send-batch.use-case';
import { SendMessageUseCase } from './send-message.use-case';
import { SenderRateLimiter } from './sender-rate-limiter';
import { SmsAccountCheckUseCase } from './sms-account-check.use-case';
import { SmsProviders } from './sms-providers';
import { SurveyDeliveries } from './survey-deliveries';
import { TenantSmsCache } from './tenant-sms-cache';
import { PrepareNoticeUseCase, TranslateReplyUseCase } from './translation';
import { TwilioWebhooks } from './twilio-webhooks.use-cases';

/** Each app's part of messaging: it imports the module with the sections it runs, and nothing else is built. */
export interface MessagingOptions {
  /**
   * The API: staff's notice actions, conversations, Twilio's webhooks, the SMS account check
   * (`smsSandboxUrl` for provider `sandbox`); `surveyDeliveries` is told which survey messages
   * status callbacks delivered.
   */
  api?: TwilioCallbackOptions & { smsSandboxUrl: string; surveyDeliveries?: Type<SurveyDeliveries> };
  /**
   * Delivery: sends, provider look-ups, inbound texts; `surveys` takes the replies a survey is
   * asking for, `surveyDeliveries` the survey messages a look-up finds delivered.
   */
  delivery?: TwilioCallbackOptions & { smsSandboxUrl: string; surveys: Type<InboundSurveys>; surveyDeliveries?: Type<SurveyDeliveries> };
  /** The dispatcher: notice fan-out and the reconciler; `checkSmsSecrets` (with SECRETS_KEY and IdentityModule) adds the secret check to each sweep. */
  dispatcher?: { reconciler: ReconcilerOptions; checkSmsSecrets: boolean };
  /** The translation app: notices' texts prepared, families' replies translated for staff. */
  translation?: boolean;
}

const NOTICE_USE_CASES = [
  CreateNoticeUseCase,
  GetNoticeUseCase,
  PutTranslationUseCase,
  ListNoticeMessagesUseCase,
  ListNoticeRepliesUseCase,
  PreviewNoticeUseCase,
  ApproveTranslationUseCase,
  SendNoticeUseCase,
  ListNoticesUseCase,
  CancelNoticeUseCase,
  CountAudienceUseCase,
];
const API = [...NOTICE_USE_CASES, ConversationsUseCases, ConversationThreads, ConsentHistoryUseCase, TwilioWebhooks];
const DELIVERY = [
  TenantSmsCache,
  SmsProviders,
  SenderRateLimiter,
  SendMessageUseCase,
  SendBatchUseCase,
  ResolveMessageUseCase,
  RefreshStatusUseCase,
  ProcessInboundUseCase,
];
const DISPATCHER = [FanOutNoticeUseCase, Reconciler];
const TRANSLATION = [PrepareNoticeUseCase, TranslateReplyUseCase];

/** PUBLIC_BASE_URL as callbacks are addressed and signed: without a trailing slash. */
function callbacks(options: TwilioCallbackOptions): Provider {
  return { provide: TWILIO_CALLBACK_OPTIONS, useValue: { ...options, publicBaseUrl: options.publicBaseUrl.replace(/\/$/, '') } };
}

/** Where delivered survey messages are reported, when the app has surveys. */
function deliveries(surveyDeliveries: Type<SurveyDeliveries> | undefined): Provider[] {
  return surveyDeliveries ? [{ provide: SURVEY_DELIVERIES, useClass: surveyDeliveries }] : [];
}

function providers(options: MessagingOptions): { providers: Provider[]; exports: Provider[] } {
  const built: Provider[] = [];
  const exported: Provider[] = [];
  if (options.api) {
    const { smsSandboxUrl, surveyDeliveries, ...api } = options.api;
    built.push(
      callbacks(api),
      { provide: SMS_PROVIDER_OPTIONS, useValue: { sandboxUrl: smsSandboxUrl } },
      ...deliveries(surveyDeliveries),
      SmsAccountCheckUseCase,
      ...API,
    );
    exported.push(SmsAccountCheckUseCase, ...API);
  }
  if (options.delivery) {
    // Each is its own app: the two sections' callback options would compete for one token.
    if (options.api) throw new Error('MessagingModule: the api and delivery sections are separate apps, give one of them');
    const { smsSandboxUrl, surveys, surveyDeliveries, ...delivery } = options.delivery;
    built.push(
      callbacks(delivery),
      ...deliveries(surveyDeliveries),
      { provide: SMS_PROVIDER_OPTIONS, useValue: { sandboxUrl: smsSandboxUrl } },
      { provide: INBOUND_SURVEYS, useClass: surveys },
      ...DELIVERY,
    );
    exported.push(...DELIVERY);
  }
  if (options.dispatcher) {
    const secrets: Provider = options.dispatcher.checkSmsSecrets
      ? { provide: SMS_SECRET_READER, useExisting: TenantRepository }
      : { provide: SMS_SECRET_READER, useValue: null };
    built.push({ provide: RECONCILER_OPTIONS, useValue: options.dispatcher.reconciler }, secrets, ...DISPATCHER);
    exported.push(...DISPATCHER);
  }
  if (options.translation) {
    built.push(...TRANSLATION);
    exported.push(...TRANSLATION);
  }
  return { providers: built, exports: exported };
}

/**
 * Notices, SMS delivery, inbound texts and conversations. `MessagingModule.forRoot(options)`
 * builds the sections an app names. Needs the database and queue modules (`TenantDb`,
 * `JobProducer`, for delivery `PRODUCER_REDIS` and `QUEUE_PREFIX`), IdentityModule (`TenantRepository`,
 * `TenantDirectory`) and, for the API and translation sections, TranslationModule; all are global.
 * Global itself: engagement's use-cases reach notices through it.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return { module: MessagingModule, global: true, ...providers(options) };
  }
}
