import { validateRequest } from 'twilio';

/**
 * True when `signature` (the `X-Twilio-Signature` header) is what Twilio computes for `url` and
 * the form `params` with `authToken`. The URL must be the public one Twilio posted to.
 */
export function validateTwilioSignature(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  return validateRequest(authToken, signature, url, params);
}
