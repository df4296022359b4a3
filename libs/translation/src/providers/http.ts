import * as http from 'node:http';
import * as https from 'node:https';
import { OutboundGuard, OutboundRefusedError } from '@porchlight/outbound';
import { parseRetryAfter } from './retry';
import { TranslationProviderError } from './translation-provider';

/** An answer larger than this is cut off: no engine's translation of a batch comes near it. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface ProviderRequest {
  method?: string;
  headers: Record<string, string>;
  /** Sent as JSON, or form-encoded when a URLSearchParams. */
  body: unknown;
  signal: AbortSignal;
  /** For a URL a district set: connect only where the guard allows (unset for the operator's own URLs). */
  guard?: OutboundGuard;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request with node:http(s): no redirect is followed, the guard's agent picks the address. */
function send(url: URL, request: ProviderRequest): Promise<Answer> {
  request.guard?.assertCallable(url);
  const form = request.body instanceof URLSearchParams;
  const payload = request.body instanceof URLSearchParams ? request.body.toString() : JSON.stringify(request.body);
  const headers = {
    'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
    Accept: 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    ...request.headers,
  };
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise<Answer>((resolve, reject) => {
    const req = transport.request(url, { method: request.method ?? 'POST', headers, agent: request.guard?.agentFor(url), signal: request.signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) req.destroy(Object.assign(new Error('the answer is too large'), { code: 'ETOOLARGE' }));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' }));
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * One call to a provider's REST API: a timeout or a refused connection becomes a retryable error,
 * an error status a TranslationProviderError with our own words for it (`classify` may read the
 * error body to pick the code, e.g. Google's 400 for a bad key, but never copies it). Nothing the
 * provider answered — nor the URL, which may carry a key — ends up in an error message.
 */
export async function requestJson(
  provider: string,
  url: string | URL,
  request: ProviderRequest,
  classify?: (status: number, body: unknown) => TranslationProviderError | undefined,
): Promise<unknown> {
  let answer: Answer;
  try {
    answer = await send(new URL(url), request);
  } catch (error) {
    throw networkError(provider, error, request.signal);
  }
  let body: unknown;
  try {
    body = answer.text ? JSON.parse(answer.text) : undefined;
  } catch {
    body = undefined;
  }
  if (answer.status < 200 || answer.status >= 300) {
    const retryAfter = parseRetryAfter(answer.headers['retry-after'] ?? '');
    throw classify?.(answer.status, body) ?? TranslationProviderError.fromStatus(provider, answer.status, retryAfter);
  }
  if (body === undefined) throw new TranslationProviderError(provider, 'bad_response', `the answer (HTTP ${String(answer.status)}) is not JSON`);
  return body;
}

const ERROR_CODE = /^E[A-Z0-9_]{2,30}$/;

/** A failure before any answer, in our words: the system error code at most, never its message (it may name the URL). */
export function networkError(provider: string, error: unknown, signal?: AbortSignal): TranslationProviderError {
  if (error instanceof OutboundRefusedError) {
    return new TranslationProviderError(provider, 'blocked', `refused to connect: the URL ${error.reason}`, { cause: error });
  }
  const name = (error as { name?: string } | null | undefined)?.name;
  if (signal?.aborted || name === 'TimeoutError' || name === 'AbortError') {
    return new TranslationProviderError(provider, 'timeout', 'no answer before the timeout', { retryable: true, cause: error });
  }
  const code = [(error as { code?: unknown } | null | undefined)?.code, (error as { cause?: { code?: unknown } | null } | null | undefined)?.cause?.code].find(
    (c): c is string => typeof c === 'string' && ERROR_CODE.test(c),
  );
  return new TranslationProviderError(provider, 'network', code ? `request failed (${code})` : 'request failed', { retryable: true, cause: error });
}

/** Throws bad_response unless `texts` is an array of as many strings as were sent. */
export function expectTexts(provider: string, texts: unknown, count: number): string[] {
  if (!Array.isArray(texts) || texts.length !== count || !texts.every((t) => typeof t === 'string')) {
    const got = Array.isArray(texts) ? `${String(texts.length)} items` : texts === undefined ? 'none' : `a ${typeof texts}`;
    throw new TranslationProviderError(provider, 'bad_response', `expected ${String(count)} translations, got ${got}`);
  }
  return texts;
}
