/**
 * A district's SMS auth token that SecretBox cannot open: SECRETS_KEY is not the key it was sealed
 * with (changed, rotated, or another deployment's). Its messages wait until the token can be read.
 */
export class SmsSecretUnreadableError extends Error {
  constructor(
    readonly tenantId: string,
    readonly slug: string,
  ) {
    super(`district ${slug} (${tenantId}): its SMS auth token cannot be decrypted with SECRETS_KEY`);
  }
}

/** What the operator can do about it; never names the secret. */
export const SMS_SECRET_REMEDY =
  'start Porchlight with the SECRETS_KEY the token was sealed with, or have a district admin enter the auth token again (PATCH /api/v1/settings, sms.authToken)';

/** What `GET /api/v1/settings` tells the district admin in `sms.status` and `sms.statusMessage`. */
export interface SmsStatus {
  status: 'ok' | 'secret_unreadable';
  statusMessage: string | null;
}

export const SECRET_UNREADABLE_STATUS: SmsStatus = {
  status: 'secret_unreadable',
  statusMessage:
    'The SMS auth token cannot be decrypted with the server’s SECRETS_KEY (the key was probably changed). Messages wait, and none is sent, until you enter the auth token again or the operator restores the key.',
};
