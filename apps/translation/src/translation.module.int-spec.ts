import { NestFactory } from '@nestjs/core';
import { loadEnv, TranslationEnv } from '@porchlight/config';
import { PrepareSurveyUseCase } from '@porchlight/engagement';
import { PrepareNoticeUseCase, TranslateReplyUseCase } from '@porchlight/messaging';
import { TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { NoticeTexts, TenantTranslator } from '@porchlight/translation';
import { TranslationAppModule } from './translation.module';

describe('TranslationAppModule (Postgres and Redis)', () => {
  const spec = useIntegration('translation-boot', { database: false });

  it('builds every use-case of its jobs from TranslationModule', async () => {
    const env = loadEnv(TranslationEnv, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: spec.prefix,
      SECRETS_KEY: TEST_SECRETS_KEY,
      LOG_LEVEL: 'error',
    });
    const app = await NestFactory.createApplicationContext(TranslationAppModule.forRoot(env), { logger: false });
    try {
      const translator = app.get(TenantTranslator, { strict: false });
      expect(translator).toBeInstanceOf(TenantTranslator);
      expect(app.get(NoticeTexts, { strict: false })).toBeInstanceOf(NoticeTexts);
      expect(app.get(PrepareNoticeUseCase)).toBeInstanceOf(PrepareNoticeUseCase);
      expect(app.get(TranslateReplyUseCase)).toBeInstanceOf(TranslateReplyUseCase);
      expect(app.get(PrepareSurveyUseCase)).toBeInstanceOf(PrepareSurveyUseCase);
    } finally {
      await app.close();
    }
  });
});
