import { OutboundGuard, OutboundRefusedError } from '@porchlight/outbound';
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
  /** One of TRANSLATION_PROVIDERS; anything else a district wrote is refused when the chain is built. */
  provider: string;
  url?: string;
  apiKey?: string;
  region?: string;
  /**
   * For settings a district wrote: its URL must pass the guard when the adapter is built, and
   * every request connects only to addresses the guard checked. Unset for the operator's fallbacks.
   */
  guard?: OutboundGuard;
}

export class TranslationSettingsError extends Error {
  override readonly name = 'TranslationSettingsError';
}

function need(settings: ProviderSettings, field: 'url' | 'apiKey' | 'region'): string {
  const value = settings[field];
  if (!value) throw new TranslationSettingsError(`translation provider "${settings.provider}" needs ${field}`);
  return value;
}

/** Refuses a URL that cannot be parsed, or that the guard would not let a request reach. */
function checkUrl(settings: ProviderSettings): void {
  if (settings.url === undefined) return;
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new TranslationSettingsError(`translation provider "${settings.provider}" has a url that is not a URL`);
  }
  try {
    settings.guard?.assertCallable(url);
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new TranslationSettingsError(`translation provider "${settings.provider}" url ${error.reason}`);
    throw error;
  }
}

/** One adapter from one provider's settings; null for "none". */
export function createTranslationProvider(settings: ProviderSettings, options: ProviderCallOptions = {}): TranslationProvider | null {
  if (settings.provider !== 'none') checkUrl(settings);
  const call = { ...options, guard: settings.guard };
  switch (settings.provider) {
    case 'none':
      return null;
    case 'libretranslate':
      return new LibreTranslateProvider({ ...call, url: need(settings, 'url'), apiKey: settings.apiKey });
    case 'deepl':
      return new DeepLProvider({ ...call, apiKey: need(settings, 'apiKey'), url: settings.url });
    case 'google':
      return new GoogleTranslateProvider({ ...call, apiKey: need(settings, 'apiKey'), url: settings.url });
    case 'aws':
      return new AwsTranslateProvider({ ...call, apiKey: need(settings, 'apiKey'), region: need(settings, 'region'), url: settings.url });
    case 'azure':
      return new AzureTranslatorProvider({ ...call, apiKey: need(settings, 'apiKey'), region: settings.region, url: settings.url });
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
