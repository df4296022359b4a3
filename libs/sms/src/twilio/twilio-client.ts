import twilio, { RequestClient, Twilio } from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Send every request the SDK makes to this base URL instead of Twilio's hosts (the SMS sandbox).
   * Unset for real Twilio.
   */
  baseUrl?: string;
  timeoutMs?: number;
}

const TWILIO_HOST = /^https:\/\/[a-z0-9.-]*twilio\.com/i;

/**
 * The SDK's own HTTP client, with the host rewritten when a base URL is given: the sandbox is
 * reached through exactly the code path real Twilio is (the SDK's documented `httpClient` option).
 */
class RedirectingRequestClient extends RequestClient {
  constructor(private readonly baseUrl: string, timeoutMs: number) {
    super({ keepAlive: true, timeout: timeoutMs });
  }

  override request<TData>(opts: BaseRequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_HOST, this.baseUrl.replace(/\/$/, '')) });
  }
}

/** The official Twilio client for one account, optionally pointed at the sandbox. */
export function createTwilioClient(options: TwilioClientOptions): Twilio {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const httpClient = options.baseUrl
    ? new RedirectingRequestClient(options.baseUrl, timeoutMs)
    : new RequestClient({ keepAlive: true, timeout: timeoutMs });
  return twilio(options.accountSid, options.authToken, { httpClient });
}
