import { randomUUID } from 'node:crypto';
import { ProjectLanguage } from '../languages';
import { expectTexts, requestJson } from './http';
import { AZURE_CODES, pairCodes, supportsPair } from './language-codes';
import { withSlash } from './libretranslate.provider';
import { chunk, withRetry } from './retry';
import { ProviderCallOptions, ProviderConnection, TranslationProvider } from './translation-provider';

export interface AzureTranslatorConfig extends ProviderCallOptions, ProviderConnection {
  apiKey: string;
  /** The resource's region (e.g. "eastus"); required for regional and multi-service resources. */
  region?: string;
  url?: string;
}

const AZURE_URL = 'https://api.cognitive.microsofttranslator.com/';

/**
 * Azure AI Translator, REST v3: `POST /translate?api-version=3.0&from=…&to=…` with headers
 * `Ocp-Apim-Subscription-Key` and `Ocp-Apim-Subscription-Region`, body `[{ "Text": "…" }]` →
 * `[{ translations: [{ text, to }] }]`; errors are `{ error: { code, message } }`, never
 * repeated. The official @azure-rest/ai-translation-text client is a generated wrapper over this
 * one request, so the adapter makes it directly rather than bring in the Azure core pipeline.
 */
export class AzureTranslatorProvider implements TranslationProvider {
  readonly name = 'azure';

  constructor(private readonly config: AzureTranslatorConfig) {}

  supports(from: ProjectLanguage, to: ProjectLanguage): boolean {
    return supportsPair(AZURE_CODES, from, to);
  }

  async translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]> {
    const { source, target } = pairCodes(this.name, AZURE_CODES, from, to);
    const url = new URL('translate', withSlash(this.config.url ?? AZURE_URL));
    url.search = new URLSearchParams({ 'api-version': '3.0', from: source, to: target, textType: 'plain' }).toString();
    const headers: Record<string, string> = { 'Ocp-Apim-Subscription-Key': this.config.apiKey };
    if (this.config.region) headers['Ocp-Apim-Subscription-Region'] = this.config.region;
    const out: string[] = [];
    for (const batch of chunk(texts, 100)) {
      const body = await withRetry(
        (signal) =>
          requestJson(this.name, url, {
            headers: { ...headers, 'X-ClientTraceId': randomUUID() },
            body: batch.map((text) => ({ Text: text })),
            signal,
            guard: this.config.guard,
          }),
        this.config,
      );
      const items = Array.isArray(body) ? body.map((item: { translations?: Array<{ text?: unknown } | null> } | null) => item?.translations?.[0]?.text) : body;
      out.push(...expectTexts(this.name, items, batch.length));
    }
    return out;
  }
}
