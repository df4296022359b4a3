import { SandboxMessage } from './sandbox-state';

/** RFC 2822 dates, as Twilio writes them. */
export const rfc2822 = (date: Date | null) => (date ? date.toUTCString().replace('GMT', '+0000') : null);

/** A message as Twilio's Messages resource represents it. */
export function messageResource(message: SandboxMessage): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`;
  return {
    account_sid: message.accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: rfc2822(message.dateSent),
    date_updated: rfc2822(message.dateUpdated),
    direction: 'outbound-api',
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: '0',
    num_segments: String(message.numSegments),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: uri.replace('.json', '/Media.json'), feedback: uri.replace('.json', '/Feedback.json') },
    to: message.to,
    uri,
  };
}

/** Twilio's error body. */
export function twilioError(status: number, code: number, message: string): { status: number; body: Record<string, unknown> } {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${String(code)}`, status } };
}
