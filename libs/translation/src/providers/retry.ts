import { DEFAULT_CALL_OPTIONS, ProviderCallOptions, TranslationProviderError } from './translation-provider';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails for good, or the retries run out. Only retryable
 * TranslationProviderErrors are retried, after exponential backoff with jitter, or after the
 * provider's Retry-After when it gives one (capped at `maxDelayMs`).
 */
export async function withRetry<T>(attempt: (signal: AbortSignal) => Promise<T>, options: ProviderCallOptions = {}): Promise<T> {
  const { retries, retryBaseMs, maxDelayMs, timeoutMs } = { ...DEFAULT_CALL_OPTIONS, ...options };
  for (let n = 0; ; n++) {
    try {
      return await attempt(AbortSignal.timeout(timeoutMs));
    } catch (error) {
      if (!(error instanceof TranslationProviderError) || !error.retryable || n >= retries) throw error;
      const backoff = retryBaseMs * 2 ** n;
      const delay = Math.min(maxDelayMs, error.retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2));
      await sleep(delay);
    }
  }
}

/** Seconds or an HTTP date, as in a Retry-After header. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Splits a batch into the sizes a provider accepts in one request. */
export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
