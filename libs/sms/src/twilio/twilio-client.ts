import twilio, { RequestClient, Twilio } from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient';
import { UndiciRequestClient } from './undici-request-client';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Send every request the SDK makes to this base URL instead of Twilio's hosts (the SMS sandbox).
   * Unset for real Twilio.
   */
  baseUrl?: string;
  timeoutMs?: number;
  /**
   * The HTTP client under the SDK: `undici` (default; a keep-alive pool shared by the process's
   * accounts, measured in tests/perf/twilio-http.bench.ts) or the SDK's own `axios` one.
   */
  http?: 'undici' | 'axios';
}

const TWILIO_HOST = /^https:\/\/[a-z0-9.-]*twilio\.com/i;

/**
 * The SDK's own axios client, with the host rewritten when a base URL is given: the sandbox is
 * reached through exactly the code path real Twilio is (the SDK's documented `httpClient` option).
 */
class RedirectingRequestClient extends RequestClient {
  constructor(
    private readonly rewrite: (uri: string) => string,
    timeoutMs: number,
  ) {
    super({ keepAlive: true, timeout: timeoutMs });
  }

  override request<TData>(opts: BaseRequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: this.rewrite(opts.uri) });
  }
}

/** The official Twilio client for one account, optionally pointed at the sandbox. */
export function createTwilioClient(options: TwilioClientOptions): Twilio {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.baseUrl?.replace(/\/$/, '');
  const rewrite = base ? (uri: string) => uri.replace(TWILIO_HOST, base) : (uri: string) => uri;
  const httpClient = options.http === 'axios' ? new RedirectingRequestClient(rewrite, timeoutMs) : new UndiciRequestClient(timeoutMs, rewrite);
  return twilio(options.accountSid, options.authToken, { httpClient });
}
