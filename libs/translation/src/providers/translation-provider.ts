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
  | 'bad_response';

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
  static fromStatus(provider: string, status: number, detail: string, retryAfterMs?: number): TranslationProviderError {
    const code: TranslationErrorCode =
      status === 429 ? 'rate_limited' : status === 401 || status === 403 ? 'unauthorized' : status === 456 ? 'quota_exceeded' : status >= 500 ? 'server_error' : 'bad_request';
    return new TranslationProviderError(provider, code, `HTTP ${status}: ${detail}`, { status, retryable: status === 429 || status >= 500, retryAfterMs });
  }
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

export const DEFAULT_CALL_OPTIONS: Required<ProviderCallOptions> = { timeoutMs: 10_000, retries: 2, retryBaseMs: 500, maxDelayMs: 8_000 };
