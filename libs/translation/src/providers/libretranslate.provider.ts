import { ProjectLanguage } from '../languages';
import { expectTexts, requestJson } from './http';
import { LIBRETRANSLATE_CODES, pairCodes, supportsPair } from './language-codes';
import { chunk, withRetry } from './retry';
import { ProviderCallOptions, ProviderConnection, TranslationProvider } from './translation-provider';

export interface LibreTranslateConfig extends ProviderCallOptions, ProviderConnection {
  /** The server's base URL, e.g. a self-hosted `http://libretranslate:5000`. */
  url: string;
  apiKey?: string;
  /** Texts per request. */
  batchSize?: number;
}

/**
 * LibreTranslate, the self-hosted default: `POST /translate` with
 * `{ q, source, target, format: "text", api_key }` (the key travels in the JSON body, the only
 * place the server reads it); `q` may be an array, and `translatedText` comes back as an array in
 * the same order. Errors are `{ "error": "..." }`, never repeated.
 */
export class LibreTranslateProvider implements TranslationProvider {
  readonly name = 'libretranslate';

  constructor(private readonly config: LibreTranslateConfig) {}

  supports(from: ProjectLanguage, to: ProjectLanguage): boolean {
    return supportsPair(LIBRETRANSLATE_CODES, from, to);
  }

  async translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]> {
    const { source, target } = pairCodes(this.name, LIBRETRANSLATE_CODES, from, to);
    const url = new URL('translate', withSlash(this.config.url));
    const out: string[] = [];
    for (const batch of chunk(texts, this.config.batchSize ?? 50)) {
      const body = await withRetry(
        (signal) =>
          requestJson(this.name, url, {
            headers: {},
            body: { q: batch, source, target, format: 'text', ...(this.config.apiKey ? { api_key: this.config.apiKey } : {}) },
            signal,
            guard: this.config.guard,
          }),
        this.config,
      );
      out.push(...expectTexts(this.name, (body as { translatedText?: unknown }).translatedText, batch.length));
    }
    return out;
  }
}

export const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
