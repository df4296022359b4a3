import * as deepl from 'deepl-node';
import { ProjectLanguage } from '../languages';
import { abortable } from './abortable';
import { expectTexts, networkError } from './http';
import { DEEPL_CODES, pairCodes, supportsPair } from './language-codes';
import { chunk, withRetry } from './retry';
import { DEFAULT_CALL_OPTIONS, ProviderCallOptions, TranslationProvider, TranslationProviderError } from './translation-provider';

export interface DeepLConfig extends ProviderCallOptions {
  apiKey: string;
  /** Defaults to DeepL's own choice (api-free.deepl.com for keys ending in ":fx", api.deepl.com otherwise). */
  url?: string;
}

/**
 * DeepL through its official client, deepl-node (`POST /v2/translate`, form-encoded `text` fields,
 * `Authorization: DeepL-Auth-Key …`). The client's own retries are off so that every adapter
 * retries the same way (retry.ts); its timeout is at least a second, so ours is enforced on top.
 */
export class DeepLProvider implements TranslationProvider {
  readonly name = 'deepl';
  private readonly translator: deepl.Translator;

  constructor(private readonly config: DeepLConfig) {
    this.translator = new deepl.Translator(config.apiKey, {
      serverUrl: config.url,
      maxRetries: 0,
      minTimeout: config.timeoutMs ?? DEFAULT_CALL_OPTIONS.timeoutMs,
      sendPlatformInfo: false,
    });
  }

  supports(from: ProjectLanguage, to: ProjectLanguage): boolean {
    return supportsPair(DEEPL_CODES, from, to);
  }

  async translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]> {
    const { source, target } = pairCodes(this.name, DEEPL_CODES, from, to);
    const out: string[] = [];
    for (const batch of chunk(texts, 50)) {
      const results = await withRetry(async (signal) => {
        try {
          return await abortable(
            this.translator.translateText(batch, source as deepl.SourceLanguageCode, target as deepl.TargetLanguageCode, { preserveFormatting: true }),
            signal,
          );
        } catch (error) {
          throw this.toProviderError(error);
        }
      }, this.config);
      out.push(...expectTexts(this.name, results.map((r) => r.text), batch.length));
    }
    return out;
  }

  private toProviderError(error: unknown): TranslationProviderError {
    if (error instanceof deepl.ConnectionError) return networkError(this.name, error.error ?? error);
    if (!(error instanceof deepl.DeepLError)) return networkError(this.name, error);
    const status =
      error instanceof deepl.AuthorizationError ? 403
      : error instanceof deepl.QuotaExceededError ? 456
      : error instanceof deepl.TooManyRequestsError ? 429
      : error.message.startsWith('Service unavailable') ? 503
      : error.message.startsWith('Bad request') ? 400
      : Number(/Unexpected status code: (\d{3})/.exec(error.message)?.[1] ?? 400);
    return TranslationProviderError.fromStatus(this.name, status, error.message);
  }
}
