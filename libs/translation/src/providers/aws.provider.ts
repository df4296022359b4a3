import { TranslateClient, TranslateTextCommand, TranslateServiceException } from '@aws-sdk/client-translate';
import { ProjectLanguage } from '../languages';
import { networkError } from './http';
import { AWS_CODES, pairCodes, supportsPair } from './language-codes';
import { withRetry } from './retry';
import { ProviderCallOptions, TranslationProvider, TranslationProviderError } from './translation-provider';

export interface AwsTranslateConfig extends ProviderCallOptions {
  /** "ACCESS_KEY_ID:SECRET_ACCESS_KEY", the one secret a district pastes into its settings. */
  apiKey: string;
  region: string;
  /** Defaults to the region's endpoint. */
  url?: string;
  /** Texts translated at once: TranslateText takes one text per call. */
  concurrency?: number;
}

/**
 * Amazon Translate through the official @aws-sdk/client-translate (TranslateText, JSON 1.1
 * protocol, SigV4-signed). The SDK's own retries are off (maxAttempts 1) so that every adapter
 * retries the same way (retry.ts); the timeout is an AbortSignal on each call.
 */
export class AwsTranslateProvider implements TranslationProvider {
  readonly name = 'aws';
  private readonly client: TranslateClient;

  constructor(private readonly config: AwsTranslateConfig) {
    const separator = config.apiKey.indexOf(':');
    if (separator < 1) throw new TranslationProviderError(this.name, 'unauthorized', 'the API key must be ACCESS_KEY_ID:SECRET_ACCESS_KEY');
    this.client = new TranslateClient({
      region: config.region,
      endpoint: config.url,
      maxAttempts: 1,
      credentials: { accessKeyId: config.apiKey.slice(0, separator), secretAccessKey: config.apiKey.slice(separator + 1) },
    });
  }

  supports(from: ProjectLanguage, to: ProjectLanguage): boolean {
    return supportsPair(AWS_CODES, from, to);
  }

  async translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]> {
    const { source, target } = pairCodes(this.name, AWS_CODES, from, to);
    const out = new Array<string>(texts.length);
    let next = 0;
    const worker = async () => {
      while (next < texts.length) {
        const index = next++;
        out[index] = await withRetry((signal) => this.translateOne(texts[index], source, target, signal), this.config);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency ?? 4, texts.length) }, worker));
    return out;
  }

  private async translateOne(text: string, source: string, target: string, signal: AbortSignal): Promise<string> {
    try {
      const result = await this.client.send(new TranslateTextCommand({ Text: text, SourceLanguageCode: source, TargetLanguageCode: target }), { abortSignal: signal });
      if (typeof result.TranslatedText !== 'string') throw new TranslationProviderError(this.name, 'bad_response', 'no TranslatedText in the answer');
      return result.TranslatedText;
    } catch (error) {
      if (error instanceof TranslationProviderError) throw error;
      if (error instanceof TranslateServiceException) {
        const status = error.$metadata.httpStatusCode ?? 500;
        const throttled = /Throttling|TooManyRequests|LimitExceeded/.test(error.name);
        if (throttled) throw TranslationProviderError.fromStatus(this.name, 429, `${error.name}: ${error.message}`);
        if (/UnsupportedLanguagePair/.test(error.name)) {
          throw new TranslationProviderError(this.name, 'unsupported_language', `${error.name}: ${error.message}`, { status });
        }
        throw TranslationProviderError.fromStatus(this.name, /UnrecognizedClient|InvalidSignature|AccessDenied/.test(error.name) ? 403 : status, `${error.name}: ${error.message}`);
      }
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status) throw TranslationProviderError.fromStatus(this.name, status, (error as Error).message);
      throw networkError(this.name, error);
    }
  }
}
