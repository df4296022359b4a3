import { TranslateClient, TranslateTextCommand, TranslateServiceException } from '@aws-sdk/client-translate';
import { ProjectLanguage } from '../languages';
import { networkError } from './http';
import { AWS_CODES, pairCodes, supportsPair } from './language-codes';
import { withRetry } from './retry';
import { ProviderCallOptions, ProviderConnection, TranslationProvider, TranslationProviderError } from './translation-provider';

export interface AwsTranslateConfig extends ProviderCallOptions, ProviderConnection {
  /** "ACCESS_KEY_ID:SECRET_ACCESS_KEY", the one secret a district pastes into its settings. */
  apiKey: string;
  region: string;
  /** Defaults to the region's endpoint. */
  url?: string;
  /** Texts translated at once: TranslateText takes one text per call. */
  concurrency?: number;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Amazon Translate through the official @aws-sdk/client-translate (TranslateText, JSON 1.1
 * protocol, SigV4-signed). The SDK's own retries are off (maxAttempts 1) so that every adapter
 * retries the same way (retry.ts); the timeout is an AbortSignal on each call. With a guard, the
 * SDK's HTTP handler gets the guard's agents, so its connections go only to checked addresses.
 * Errors keep the status and our words; the exception's message (AWS's text) is never repeated.
 */
export class AwsTranslateProvider implements TranslationProvider {
  readonly name = 'aws';
  private readonly client: TranslateClient;
  private readonly endpoint: URL;

  constructor(private readonly config: AwsTranslateConfig) {
    const separator = config.apiKey.indexOf(':');
    if (separator < 1) throw new TranslationProviderError(this.name, 'unauthorized', 'the API key must be ACCESS_KEY_ID:SECRET_ACCESS_KEY');
    if (!REGION.test(config.region)) throw new TranslationProviderError(this.name, 'bad_request', 'the region must be an AWS region such as us-east-1');
    this.endpoint = new URL(config.url ?? `https://translate.${config.region}.amazonaws.com/`);
    this.client = new TranslateClient({
      region: config.region,
      endpoint: config.url,
      maxAttempts: 1,
      credentials: { accessKeyId: config.apiKey.slice(0, separator), secretAccessKey: config.apiKey.slice(separator + 1) },
      ...(config.guard ? { requestHandler: { httpAgent: config.guard.httpAgent, httpsAgent: config.guard.httpsAgent } } : {}),
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
      this.config.guard?.assertCallable(this.endpoint);
      const result = await this.client.send(new TranslateTextCommand({ Text: text, SourceLanguageCode: source, TargetLanguageCode: target }), {
        abortSignal: signal,
      });
      if (typeof result.TranslatedText !== 'string') throw new TranslationProviderError(this.name, 'bad_response', 'no TranslatedText in the answer');
      return result.TranslatedText;
    } catch (error) {
      throw this.toProviderError(error, signal);
    }
  }

  private toProviderError(error: unknown, signal: AbortSignal): TranslationProviderError {
    if (error instanceof TranslationProviderError) return error;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (error instanceof TranslateServiceException) {
      if (/Throttling|TooManyRequests|LimitExceeded/.test(error.name)) return TranslationProviderError.fromStatus(this.name, 429);
      if (/UnsupportedLanguagePair/.test(error.name)) {
        return new TranslationProviderError(this.name, 'unsupported_language', `${String(status ?? 400)} language pair not supported`, { status });
      }
      if (/UnrecognizedClient|InvalidSignature|AccessDenied|ExpiredToken/.test(error.name))
        return TranslationProviderError.unauthorized(this.name, status ?? 403);
      return TranslationProviderError.fromStatus(this.name, status ?? 500);
    }
    if (status !== undefined && status >= 200 && status < 300)
      return new TranslationProviderError(this.name, 'bad_response', `the answer (HTTP ${String(status)}) could not be read`);
    if (status) return TranslationProviderError.fromStatus(this.name, status);
    return networkError(this.name, error, signal);
  }
}
