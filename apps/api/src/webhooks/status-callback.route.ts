import { TwilioWebhooks } from '@porchlight/messaging';
import { LeanHandler, readForm } from '../http/answer-first';

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';
const MESSAGE_ID = /^[0-9a-f-]{36}$/i;

/**
 * Twilio's status callbacks — two per message, the API's busiest route by far — answered straight
 * on Node's HTTP server, ahead of Express (`answerRoutesFirst`): signature checked, the status handed to
 * the batch writer, 204 once it is stored. Answers as the Nest route does: 403 for a bad signature
 * (nothing stored), the API's error body for anything else.
 */
export function statusCallbackRoute(webhooks: TwilioWebhooks, maxBytes: number): LeanHandler {
  return async (req, res) => {
    const path = req.url ?? STATUS_CALLBACK_PATH;
    const params = await readForm(req, maxBytes);
    const query = path.indexOf('?');
    const messageId = query < 0 ? null : new URLSearchParams(path.slice(query + 1)).get('m');
    const signature = req.headers['x-twilio-signature'];
    await webhooks.applyStatus(
      { path, signature: typeof signature === 'string' ? signature : undefined, params },
      messageId !== null && MESSAGE_ID.test(messageId) ? messageId : undefined,
    );
    res.statusCode = 204;
    res.end();
  };
}
