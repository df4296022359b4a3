import { createTwilioClient } from './twilio-client';

/** Why an account check failed, in words the portal can put in the admin's language. */
export const SMS_ACCOUNT_CHECK_CODES = ['unauthorized', 'not_found', 'suspended', 'unreachable', 'timeout', 'refused'] as const;
export type SmsAccountCheckCode = (typeof SMS_ACCOUNT_CHECK_CODES)[number];

export interface SmsAccountCheck {
  ok: boolean;
  /** Twilio's account status: `active`, `suspended` or `closed`. */
  accountStatus?: string;
  friendlyName?: string;
  errorCode?: SmsAccountCheckCode;
  /** Our words, never Twilio's or the SDK's (which may carry the request URL). */
  error?: string;
}

const MESSAGES: Record<SmsAccountCheckCode, string> = {
  unauthorized: 'The provider refused the Account SID and auth token (20003). Check both.',
  not_found: 'The provider knows no account with this Account SID.',
  suspended: 'The account is not active (suspended or closed).',
  unreachable: 'The SMS provider could not be reached.',
  timeout: 'The SMS provider did not answer in time.',
  refused: 'The SMS provider refused the request.',
};

const failed = (errorCode: SmsAccountCheckCode, extra: Partial<SmsAccountCheck> = {}): SmsAccountCheck => ({
  ok: false,
  ...extra,
  errorCode,
  error: MESSAGES[errorCode],
});

/**
 * Whether Twilio (or the sandbox, at `baseUrl`) accepts an Account SID and auth token: the
 * account resource fetched with the official SDK, as delivery would reach it. Sends nothing.
 */
export async function checkTwilioAccount(options: { accountSid: string; authToken: string; baseUrl?: string; timeoutMs?: number }): Promise<SmsAccountCheck> {
  const client = createTwilioClient({ ...options, timeoutMs: options.timeoutMs ?? 8_000 });
  try {
    const account = await client.api.v2010.accounts(options.accountSid).fetch();
    const found = { accountStatus: account.status, friendlyName: account.friendlyName };
    return account.status === 'active' ? { ok: true, ...found } : failed('suspended', found);
  } catch (error) {
    const e = error as { status?: number; code?: number | string };
    if (e.status === 401 || e.status === 403 || e.code === 20003) return failed('unauthorized');
    if (e.status === 404 || e.code === 20404) return failed('not_found');
    if (typeof e.status === 'number') return failed('refused');
    const code = typeof e.code === 'string' ? e.code : '';
    if (/TIMEOUT|ETIMEDOUT|ABORT/i.test(code) || (error instanceof Error && /timeout/i.test(error.message))) return failed('timeout');
    return failed('unreachable');
  }
}
