import { TwilioWebhooks } from '@porchlight/messaging';
import { LeanHandler, readForm } from '../http/answer-first';

export const INBOUND_SMS_PATH = '/webhooks/twilio/sms';
/** Twilio's answer to a text: nothing to send back (replies and confirmations leave as messages of their own). */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const TWIML_HEADERS = { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(Buffer.byteLength(EMPTY_TWIML)) };

/**
 * Families' texts, a burst of them after every broadcast, answered straight on Node's HTTP server
 * ahead of Express (`answerRoutesFirst`): signature and tenant checked, the text handed to the batch
 * writer, empty TwiML once its row is committed and its job queued. Answers as the Nest route
 * does: 403 for a bad signature (nothing stored), the API's error body for anything else (400
 * without MessageSid or From, 413 for a body too large, 503 while the district's token cannot be
 * read).
 */
export function inboundSmsRoute(webhooks: TwilioWebhooks, maxBytes: number): LeanHandler {
  return async (req, res) => {
    const params = await readForm(req, maxBytes);
    const signature = req.headers['x-twilio-signature'];
    await webhooks.receiveSms({ path: req.url ?? INBOUND_SMS_PATH, signature: typeof signature === 'string' ? signature : undefined, params });
    res.writeHead(200, TWIML_HEADERS);
    res.end(EMPTY_TWIML);
  };
}
