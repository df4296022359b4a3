import { OutboundGuard } from '@porchlight/outbound';
import { ProjectLanguage } from '../languages';

/** Why a provider call failed; `retryable` says whether the same call may succeed later. */
export type TranslationErrorCode =
  | 'rate_limited'
  | 'unauthorized'
  | 'quota_exceeded'
  | 'bad_request'
  | 'unsupported_language'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'bad_response'
  /** The URL leads somewhere no district may reach (a private or metadata address, plain http). */
  | 'blocked';

/** Our words for an HTTP status; a provider's own error text is never repeated. */
const STATUS_WORDS: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized (check the API key)',
  403: 'forbidden (check the API key)',
  404: 'not found (check the URL)',
  413: 'request too large',
  414: 'request too large',
  429: 'rate limited',
  456: 'quota exceeded',
};

/**
 * A provider call that failed, with a code and a short message we wrote ("google: 403 forbidden
 * (check the API key)"): never the provider's error body nor the request URL, which may carry a
 * key, so the message may be shown to staff, stored as a reason and logged.
 */
export class TranslationProviderError extends Error {
  override readonly name = 'TranslationProviderError';

  constructor(
    readonly provider: string,
    readonly code: TranslationErrorCode,
    message: string,
    readonly options: { status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${provider}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
  }

  get status(): number | undefined {
    return this.options.status;
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }

  /** The usual reading of an HTTP status: 429 and 5xx may pass, the rest will not. */
  static fromStatus(provider: string, status: number, retryAfterMs?: number): TranslationProviderError {
    const code: TranslationErrorCode =
      status === 429
        ? 'rate_limited'
        : status === 401 || status === 403
          ? 'unauthorized'
          : status === 456
            ? 'quota_exceeded'
            : status >= 500
              ? 'server_error'
              : 'bad_request';
    const words = STATUS_WORDS[status] ?? (status >= 500 ? 'server error' : 'refused');
    return new TranslationProviderError(provider, code, `${String(status)} ${words}`, { status, retryable: status === 429 || status >= 500, retryAfterMs });
  }

  /** A bad key however the provider says it (Google answers 400, AWS 400 with a type). */
  static unauthorized(provider: string, status: number): TranslationProviderError {
    return new TranslationProviderError(provider, 'unauthorized', `${String(status)} API key refused (check the API key)`, { status });
  }
}

/**
 * What may be said of a failed translation to staff, in a stored reason or in a log: a provider
 * error's own message (ours), anything else only as "unexpected error".
 */
export function translationFailureText(error: unknown): string {
  return error instanceof TranslationProviderError ? error.message : 'unexpected error';
}

/**
 * Port: a machine-translation engine. Texts go in a batch and come back in the same order.
 * Languages are the project's BCP 47 codes; each adapter maps them to its engine's spelling.
 */
export interface TranslationProvider {
  readonly name: string;
  supports(from: ProjectLanguage, to: ProjectLanguage): boolean;
  translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]>;
}

/** Timeouts and retries, the same knobs for every adapter. */
export interface ProviderCallOptions {
  /** Per attempt, in milliseconds. */
  timeoutMs?: number;
  /** Attempts after the first one, for 429, 5xx, timeouts and network errors. */
  retries?: number;
  /** First backoff delay; doubles each attempt, with jitter, capped at `maxDelayMs`. */
  retryBaseMs?: number;
  maxDelayMs?: number;
}

/** Where an adapter's requests may go. */
export interface ProviderConnection {
  /**
   * Set for a district's own provider: every request connects only where the outbound guard
   * allows. Unset for URLs the operator configured (the platform fallback) and in contract tests.
   */
  guard?: OutboundGuard;
}

export const DEFAULT_CALL_OPTIONS: Required<ProviderCallOptions> = { timeoutMs: 10_000, retries: 2, retryBaseMs: 500, maxDelayMs: 8_000 };
