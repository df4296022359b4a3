import { ProviderError, ProviderFailureKind } from '../sms-provider.port';

const MESSAGES: Record<number, string> = {
  20003: 'The Twilio credentials were refused (20003)',
  20429: 'Twilio is throttling requests (20429)',
  21211: "The 'To' number is not a valid phone number (21211)",
  21408: 'Sending to this region is not enabled on the account (21408)',
  21610: 'The recipient has opted out at the carrier (21610)',
  21612: 'The sending number cannot reach this recipient (21612)',
  21614: "The 'To' number is not a mobile number (21614)",
  30003: 'The handset was unreachable (30003)',
  30004: 'The message was blocked (30004)',
  30005: 'The number is unknown or no longer in service (30005)',
  30006: 'The number is a landline or unreachable by this carrier (30006)',
  30007: 'The carrier filtered the message as possible spam (30007)',
  30008: 'The carrier reported an unknown error (30008)',
};

/** A short human message for a Twilio error code, for staff. */
export function twilioErrorMessage(code: number | undefined): string {
  return (code !== undefined && MESSAGES[code]) || (code !== undefined ? `Twilio error ${String(code)}` : 'The provider could not be reached');
}

const KIND_BY_CODE: Partial<Record<number, ProviderFailureKind>> = {
  20429: 'rate_limited',
  21610: 'opted_out',
  21211: 'invalid_number',
  21614: 'invalid_number',
  30005: 'invalid_number',
  30006: 'invalid_number',
  30003: 'retry_later',
  30007: 'permanent',
  20003: 'permanent',
  20404: 'permanent',
  21408: 'permanent',
  21602: 'permanent',
  21603: 'permanent',
  21604: 'permanent',
  21606: 'permanent',
  21612: 'permanent',
  21617: 'permanent',
  30004: 'permanent',
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
/** Failures that prove the request never reached the provider: safe to send again. */
const NEVER_ARRIVED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/**
 * What delivery should do about an error the Twilio SDK threw, with a message we wrote: Twilio's
 * own text (which names the phone number: "The 'To' number +1… is not valid") and the SDK's
 * (which may name the request URL) are never kept, since the message is stored on the message
 * row, shown to staff and logged.
 */
export function classifyTwilioError(error: unknown): ProviderError {
  const e = error as { status?: number; code?: number | string; message?: string };
  const numeric = typeof e.code === 'number' ? e.code : undefined;
  if (e.status === 429 || numeric === 20429) return new ProviderError('rate_limited', numeric ?? 20429, twilioErrorMessage(20429), 429);
  const kind = numeric === undefined ? undefined : KIND_BY_CODE[numeric];
  if (numeric !== undefined && kind) return new ProviderError(kind, numeric, twilioErrorMessage(numeric), e.status);
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) {
    return new ProviderError('transient', undefined, `The provider could not be reached (${e.code})`, undefined, !NEVER_ARRIVED.has(e.code));
  }
  if (e.status !== undefined && e.status >= 500)
    return new ProviderError('transient', numeric, `The provider failed (HTTP ${String(e.status)})`, e.status, true);
  if (e.status === undefined && /socket hang up|timeout|network/i.test(e.message ?? '')) {
    return new ProviderError('transient', undefined, 'The provider could not be reached (no answer)', undefined, true);
  }
  // An error nobody has classified yet: worth a bounded number of retries, then it fails with its code.
  const refused = e.status !== undefined ? `The provider refused the message (HTTP ${String(e.status)})` : 'The provider refused the message';
  return new ProviderError('transient', numeric, numeric ? twilioErrorMessage(numeric) : refused, e.status);
}
