import { NestFactory } from '@nestjs/core';
import { DeliveryEnv, loadEnv } from '@porchlight/config';
import { SurveyConversation, SurveysUseCases } from '@porchlight/engagement';
import {
  FanOutNoticeUseCase,
  INBOUND_SURVEYS,
  ProcessInboundUseCase,
  ResolveMessageUseCase,
  SendMessageUseCase,
  TWILIO_CALLBACK_OPTIONS,
  TwilioCallbackOptions,
} from '@porchlight/messaging';
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { DeliveryModule } from './delivery.module';

describe('DeliveryModule (Postgres and Redis)', () => {
  const spec = useIntegration('delivery-boot', { database: false });

  it('builds sending, look-ups and inbound processing with the survey conversation, and nothing else', async () => {
    const env = loadEnv(DeliveryEnv, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: spec.prefix,
      SECRETS_KEY: TEST_SECRETS_KEY,
      PUBLIC_BASE_URL: 'https://porchlight.example.org/',
      UNREACHABLE_RETRY_SECONDS: '60',
      LOG_LEVEL: 'error',
    });
    const app = await NestFactory.createApplicationContext(DeliveryModule.forRoot(env), { logger: false });
    try {
      expect(app.get(SendMessageUseCase)).toBeInstanceOf(SendMessageUseCase);
      expect(app.get(ResolveMessageUseCase)).toBeInstanceOf(ResolveMessageUseCase);
      expect(app.get(ProcessInboundUseCase)).toBeInstanceOf(ProcessInboundUseCase);
      expect(app.get(INBOUND_SURVEYS)).toBeInstanceOf(SurveyConversation);
      expect(app.get<TwilioCallbackOptions>(TWILIO_CALLBACK_OPTIONS)).toEqual({ publicBaseUrl: 'https://porchlight.example.org', unreachableRetryMs: 60_000 });
      expect(() => app.get(FanOutNoticeUseCase)).toThrow();
      expect(() => app.get(SurveysUseCases)).toThrow();
    } finally {
      await app.close();
    }
  });
});
