import { parseRetryAfter } from './retry';
import { TranslationProviderError } from './translation-provider';

/**
 * One HTTP call with fetch for the adapters that speak a provider's REST API directly: a timeout
 * or a refused connection becomes a retryable error, an error status a TranslationProviderError
 * carrying the provider's own message (`describe` reads it from the error body).
 */
export async function requestJson(
  provider: string,
  url: string,
  init: { method?: string; headers: Record<string, string>; body: unknown; signal: AbortSignal },
  describe: (body: unknown) => string | undefined,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...init.headers },
      body: JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    throw networkError(provider, error);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw networkError(provider, error);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const detail = (body !== undefined ? describe(body) : undefined) ?? (text.slice(0, 200) || response.statusText);
    throw TranslationProviderError.fromStatus(provider, response.status, detail, parseRetryAfter(response.headers.get('retry-after')));
  }
  if (body === undefined) throw new TranslationProviderError(provider, 'bad_response', `expected JSON, got ${JSON.stringify(text.slice(0, 100))}`);
  return body;
}

export function networkError(provider: string, error: unknown): TranslationProviderError {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TranslationProviderError(provider, 'timeout', 'no answer before the timeout', { retryable: true, cause: error });
  }
  const message = (error as { cause?: { code?: string }; message?: string })?.cause?.code ?? (error as Error)?.message ?? String(error);
  return new TranslationProviderError(provider, 'network', `request failed: ${message}`, { retryable: true, cause: error });
}

/** Throws bad_response unless `texts` is an array of as many strings as were sent. */
export function expectTexts(provider: string, texts: unknown, count: number): string[] {
  if (!Array.isArray(texts) || texts.length !== count || !texts.every((t) => typeof t === 'string')) {
    throw new TranslationProviderError(provider, 'bad_response', `expected ${count} translations, got ${JSON.stringify(texts)?.slice(0, 200)}`);
  }
  return texts;
}
