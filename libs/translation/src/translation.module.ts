import { Module } from '@nestjs/common';
import { SecretBox } from '@porchlight/identity';
import { NoticeTexts } from './notice-texts';
import { EngineCheckUseCase } from './pipeline/engine-check';
import { GlossaryUseCases } from './pipeline/glossary';
import { TenantTranslator } from './pipeline/tenant-translator';
import { ConfigurableTranslationModule, TRANSLATION_OPTIONS, TRANSLATION_UNSEALER, TranslationModuleOptions, Unsealer } from './translation-options';

/**
 * Translation for notices, surveys and replies: the tenant's machine-translation chain, the
 * choice of each language's text, the glossary. `TranslationModule.forRoot(options)`; the
 * district keys are opened with `options.secrets`, else with identity's SecretBox.
 */
@Module({
  providers: [
    {
      provide: TRANSLATION_UNSEALER,
      useFactory: (options: TranslationModuleOptions, box: SecretBox | undefined): Unsealer => {
        const secrets = options.secrets ?? box;
        if (!secrets) throw new Error('TranslationModule needs options.secrets, or IdentityModule for its SecretBox');
        return secrets;
      },
      inject: [TRANSLATION_OPTIONS, { token: SecretBox, optional: true }],
    },
    TenantTranslator,
    NoticeTexts,
    GlossaryUseCases,
    EngineCheckUseCase,
  ],
  exports: [TenantTranslator, NoticeTexts, GlossaryUseCases, EngineCheckUseCase],
})
export class TranslationModule extends ConfigurableTranslationModule {}
