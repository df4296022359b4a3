import { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException, Logger } from '@nestjs/common';
import { TwilioWebhooks } from '@porchlight/messaging';
import { correlationIdFor, RequestListener } from '@porchlight/observability';
import { TenantContext } from '@porchlight/tenancy';
import { errorBody } from '../http/error.filter';

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';
const MESSAGE_ID = /^[0-9a-f-]{36}$/i;
/** As the API's form parser allows. */
const MAX_FIELDS = 200;
const QUESTION_MARK = 0x3f;

/** A POST to the status callback path itself, with or without a query string. */
export function isStatusCallback(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || req.url === undefined || !req.url.startsWith(STATUS_CALLBACK_PATH)) return false;
  return req.url.length === STATUS_CALLBACK_PATH.length || req.url.charCodeAt(STATUS_CALLBACK_PATH.length) === QUESTION_MARK;
}

/**
 * Twilio's status callbacks — two per message, the API's busiest route by far — answered straight
 * on Node's HTTP server, ahead of Express (whose router and request set-up cost more than the rest
 * of the callback together): signature checked, the status handed to the batch writer, 204 once it
 * is stored. Answers as the Nest route does: 403 for a bad signature (nothing stored), the API's
 * error body for anything else, a correlation id on every answer.
 */
export function statusCallbackHandler(webhooks: TwilioWebhooks, maxBytes: number): RequestListener {
  const logger = new Logger('Http');
  return (req, res) => {
    TenantContext.run({ correlationId: correlationIdFor(req, res) }, () => {
      handle(req, res).catch((error: unknown) => {
        const body = errorBody(error);
        if (body.statusCode >= 500)
          logger.error({ msg: 'request failed', err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) });
        if (res.headersSent) return;
        res.writeHead(body.statusCode, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      });
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? STATUS_CALLBACK_PATH;
    const fields = new URLSearchParams(await readBody(req, maxBytes));
    const params: Record<string, string> = {};
    let count = 0;
    for (const [key, value] of fields) {
      if (++count > MAX_FIELDS) throw new HttpException({ message: 'request body has too many fields' }, 413);
      params[key] = value;
    }
    const query = path.indexOf('?');
    const messageId = query < 0 ? null : new URLSearchParams(path.slice(query + 1)).get('m');
    const signature = req.headers['x-twilio-signature'];
    await webhooks.applyStatus(
      { path, signature: typeof signature === 'string' ? signature : undefined, params },
      messageId !== null && MESSAGE_ID.test(messageId) ? messageId : undefined,
    );
    res.statusCode = 204;
    res.end();
  }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpException({ message: 'request body is too large' }, 413));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
