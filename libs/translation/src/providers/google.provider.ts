import { ProjectLanguage } from '../languages';
import { expectTexts, requestJson } from './http';
import { GOOGLE_CODES, pairCodes, supportsPair } from './language-codes';
import { withSlash } from './libretranslate.provider';
import { chunk, withRetry } from './retry';
import { ProviderCallOptions, ProviderConnection, TranslationProvider, TranslationProviderError } from './translation-provider';

export interface GoogleTranslateConfig extends ProviderCallOptions, ProviderConnection {
  apiKey: string;
  /** Defaults to Google's endpoint; a test or a proxy may point elsewhere. */
  url?: string;
}

const GOOGLE_URL = 'https://translation.googleapis.com/';

type GoogleErrorBody = { error?: { message?: unknown; errors?: Array<{ reason?: unknown } | null>; details?: Array<{ reason?: unknown } | null> } };

/** Google answers a wrong key with 400 INVALID_ARGUMENT; its reason fields say so. */
function keyRefused(body: unknown): boolean {
  const error = (body as GoogleErrorBody | undefined)?.error;
  const reasons = [...(error?.errors ?? []), ...(error?.details ?? [])].map((e) => e?.reason);
  return (
    reasons.includes('keyInvalid') || reasons.includes('API_KEY_INVALID') || (typeof error?.message === 'string' && /API key not valid/i.test(error.message))
  );
}

/**
 * Google Cloud Translation, Basic (v2) REST: `POST /language/translate/v2` with the key in the
 * `X-Goog-Api-Key` header (never in the query string, where it would travel in URLs, proxies'
 * logs and error reports) and `{ q: [...], source, target, format: "text" }` →
 * `{ data: { translations: [{ translatedText }] } }`; errors are `{ error: { code, message, status } }`.
 * At most 128 texts per request.
 *
 * Not the official @google-cloud/translate: its v2 client builds `https://{apiEndpoint}/…` and
 * its v3 client speaks gRPC through google-gax, so neither can be pointed at a plain-HTTP server
 * that speaks the documented API for contract tests, and an API key (what a district pastes into
 * its settings) is all v2 REST needs.
 */
export class GoogleTranslateProvider implements TranslationProvider {
  readonly name = 'google';

  constructor(private readonly config: GoogleTranslateConfig) {}

  supports(from: ProjectLanguage, to: ProjectLanguage): boolean {
    return supportsPair(GOOGLE_CODES, from, to);
  }

  async translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]> {
    const { source, target } = pairCodes(this.name, GOOGLE_CODES, from, to);
    const url = new URL('language/translate/v2', withSlash(this.config.url ?? GOOGLE_URL));
    const out: string[] = [];
    for (const batch of chunk(texts, 128)) {
      const body = await withRetry(
        (signal) =>
          requestJson(
            this.name,
            url,
            { headers: { 'X-Goog-Api-Key': this.config.apiKey }, body: { q: batch, source, target, format: 'text' }, signal, guard: this.config.guard },
            (status, error) => (status === 400 && keyRefused(error) ? TranslationProviderError.unauthorized(this.name, status) : undefined),
          ),
        this.config,
      );
      const translations = (body as { data?: { translations?: Array<{ translatedText?: unknown } | null> } }).data?.translations;
      out.push(...expectTexts(this.name, Array.isArray(translations) ? translations.map((t) => t?.translatedText) : translations, batch.length));
    }
    return out;
  }
}
