import { NestFactory } from '@nestjs/core';
import { DispatcherEnv, loadEnv } from '@porchlight/config';
import { FanOutSurveyUseCase, SurveySweep } from '@porchlight/engagement';
import { FanOutNoticeUseCase, Reconciler, SendMessageUseCase, SMS_SECRET_READER, SmsProviders } from '@porchlight/messaging';
import { TenantRepository } from '@porchlight/identity';
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { DispatcherModule } from './dispatcher.module';

describe('DispatcherModule (Postgres and Redis)', () => {
  const spec = useIntegration('dispatcher-boot', { database: false });

  async function boot(secrets: Record<string, string>) {
    const env = loadEnv(DispatcherEnv, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: spec.prefix,
      LOG_LEVEL: 'error',
      ...secrets,
    });
    return NestFactory.createApplicationContext(DispatcherModule.forRoot(env), { logger: false });
  }

  it('builds fan-out, the reconciler and the survey sweep, and nothing that sends', async () => {
    const app = await boot({ SECRETS_KEY: TEST_SECRETS_KEY });
    try {
      expect(app.get(FanOutNoticeUseCase)).toBeInstanceOf(FanOutNoticeUseCase);
      expect(app.get(Reconciler)).toBeInstanceOf(Reconciler);
      expect(app.get(FanOutSurveyUseCase)).toBeInstanceOf(FanOutSurveyUseCase);
      expect(app.get(SurveySweep)).toBeInstanceOf(SurveySweep);
      // With SECRETS_KEY the reconciler checks districts' SMS secrets with identity's repository.
      expect(app.get(SMS_SECRET_READER)).toBe(app.get(TenantRepository));
      expect(() => app.get(SmsProviders)).toThrow();
      expect(() => app.get(SendMessageUseCase)).toThrow();
    } finally {
      await app.close();
    }
  });

  it('hands the reconciler no secret reader without SECRETS_KEY', async () => {
    const app = await boot({});
    try {
      expect(app.get(Reconciler)).toBeInstanceOf(Reconciler);
      expect(app.get(SMS_SECRET_READER)).toBeNull();
      expect(() => app.get(TenantRepository)).toThrow();
    } finally {
      await app.close();
    }
  });
});
