import { ConfigurableModuleBuilder } from '@nestjs/common';
import { OutboundGuard } from '@porchlight/outbound';
import { ProviderSettings } from './providers/provider-factory';
import { ProviderCallOptions } from './providers/translation-provider';

/** Opens a tenant's sealed API key (the identity domain's SecretBox). */
export interface Unsealer {
  open(sealed: string): string;
}

export interface TenantTranslatorOptions {
  /** Providers tried after the tenant's own, e.g. a platform-wide self-hosted LibreTranslate. */
  fallbacks?: ProviderSettings[];
  /**
   * Where the tenant's own provider may connect (`PROVIDER_HOST_ALLOWLIST`); by default a guard
   * with an empty allow-list: public https addresses only.
   */
  guard?: OutboundGuard;
  call?: ProviderCallOptions;
}

/** What TranslationModule is configured with: the platform's engines and where districts' may connect. */
export interface TranslationModuleOptions extends TenantTranslatorOptions {
  /** Opens districts' sealed API keys; identity's SecretBox from the app's IdentityModule when unset. */
  secrets?: Unsealer;
}

/** Global: messaging's and engagement's modules reach the translator and the notice texts through it. */
export const { ConfigurableModuleClass: ConfigurableTranslationModule, MODULE_OPTIONS_TOKEN: TRANSLATION_OPTIONS } =
  new ConfigurableModuleBuilder<TranslationModuleOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ global: true }, (definition, extras) => ({ ...definition, global: extras.global }))
    .build();

/** The Unsealer TenantTranslator opens districts' API keys with. */
export const TRANSLATION_UNSEALER = Symbol('TRANSLATION_UNSEALER');
