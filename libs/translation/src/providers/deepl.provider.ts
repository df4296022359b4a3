import { ProjectLanguage } from '../languages';
import { expectTexts, requestJson } from './http';
import { DEEPL_CODES, pairCodes, supportsPair } from './language-codes';
import { withSlash } from './libretranslate.provider';
import { chunk, withRetry } from './retry';
import { ProviderCallOptions, ProviderConnection, TranslationProvider } from './translation-provider';

export interface DeepLConfig extends ProviderCallOptions, ProviderConnection {
  apiKey: string;
  /** Defaults to DeepL's own choice: api-free.deepl.com for keys ending in ":fx", api.deepl.com otherwise. */
  url?: string;
}

const DEEPL_FREE_URL = 'https://api-free.deepl.com/';
const DEEPL_PRO_URL = 'https://api.deepl.com/';

/**
 * DeepL's REST API: `POST /v2/translate`, form-encoded `text` fields (up to 50), `source_lang`,
 * `target_lang`, `preserve_formatting=1`, the key in `Authorization: DeepL-Auth-Key …` →
 * `{ translations: [{ detected_source_language, text }] }`. Errors: 403 bad key, 456 quota, 429,
 * 5xx, with a `{ message }` body that is never repeated.
 *
 * Not the official deepl-node: its HTTP agents are shared by the whole module and cannot take the
 * outbound guard's lookup, so a district's own DeepL URL could not be held to checked addresses.
 */
export class DeepLProvider implements TranslationProvider {
  readonly name = 'deepl';

  constructor(private readonly config: DeepLConfig) {}

  supports(from: ProjectLanguage, to: ProjectLanguage): boolean {
    return supportsPair(DEEPL_CODES, from, to);
  }

  async translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]> {
    const { source, target } = pairCodes(this.name, DEEPL_CODES, from, to);
    const base = this.config.url ?? (this.config.apiKey.endsWith(':fx') ? DEEPL_FREE_URL : DEEPL_PRO_URL);
    const url = new URL('v2/translate', withSlash(base));
    const out: string[] = [];
    for (const batch of chunk(texts, 50)) {
      const form = new URLSearchParams([
        ...batch.map((text): [string, string] => ['text', text]),
        ['source_lang', source],
        ['target_lang', target],
        ['preserve_formatting', '1'],
      ]);
      const body = await withRetry(
        (signal) =>
          requestJson(this.name, url, { headers: { Authorization: `DeepL-Auth-Key ${this.config.apiKey}` }, body: form, signal, guard: this.config.guard }),
        this.config,
      );
      const translations = (body as { translations?: Array<{ text?: unknown } | null> }).translations;
      out.push(...expectTexts(this.name, Array.isArray(translations) ? translations.map((t) => t?.text) : translations, batch.length));
    }
    return out;
  }
}
