import { AwsTranslateProvider } from './aws.provider';
import { AzureTranslatorProvider } from './azure.provider';
import { DeepLProvider } from './deepl.provider';
import { FallbackTranslator } from './fallback-translator';
import { GoogleTranslateProvider } from './google.provider';
import { LibreTranslateProvider } from './libretranslate.provider';
import { ProviderCallOptions, TranslationProvider } from './translation-provider';

export const TRANSLATION_PROVIDERS = ['none', 'libretranslate', 'deepl', 'google', 'aws', 'azure'] as const;
export type TranslationProviderName = (typeof TRANSLATION_PROVIDERS)[number];

/** A tenant's `translation` settings (API.md), with the API key already unsealed. */
export interface ProviderSettings {
  provider: TranslationProviderName | string;
  url?: string;
  apiKey?: string;
  region?: string;
}

export class TranslationSettingsError extends Error {
  override readonly name = 'TranslationSettingsError';
}

function need(settings: ProviderSettings, field: 'url' | 'apiKey' | 'region'): string {
  const value = settings[field];
  if (!value) throw new TranslationSettingsError(`translation provider "${settings.provider}" needs ${field}`);
  return value;
}

/** One adapter from one provider's settings; null for "none". */
export function createTranslationProvider(settings: ProviderSettings, options: ProviderCallOptions = {}): TranslationProvider | null {
  switch (settings.provider) {
    case 'none':
      return null;
    case 'libretranslate':
      return new LibreTranslateProvider({ ...options, url: need(settings, 'url'), apiKey: settings.apiKey });
    case 'deepl':
      return new DeepLProvider({ ...options, apiKey: need(settings, 'apiKey'), url: settings.url });
    case 'google':
      return new GoogleTranslateProvider({ ...options, apiKey: need(settings, 'apiKey'), url: settings.url });
    case 'aws':
      return new AwsTranslateProvider({ ...options, apiKey: need(settings, 'apiKey'), region: need(settings, 'region'), url: settings.url });
    case 'azure':
      return new AzureTranslatorProvider({ ...options, apiKey: need(settings, 'apiKey'), region: settings.region, url: settings.url });
    default:
      throw new TranslationSettingsError(`unknown translation provider "${settings.provider}"`);
  }
}

/**
 * The chain a tenant translates through: its own provider first, then any fallbacks (for
 * instance a platform-wide self-hosted LibreTranslate), skipping "none". Null when nothing is left.
 */
export function createTranslationChain(settings: ProviderSettings[], options: ProviderCallOptions = {}): FallbackTranslator | null {
  const chain = settings.map((s) => createTranslationProvider(s, options)).filter((p): p is TranslationProvider => p !== null);
  return chain.length > 0 ? new FallbackTranslator(chain) : null;
}
