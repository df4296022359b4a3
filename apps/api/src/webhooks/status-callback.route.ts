import { HttpException, Logger } from '@nestjs/common';
import { TwilioWebhooks } from '@porchlight/messaging';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { correlationMiddleware } from '../http/correlation.middleware';
import { errorBody } from '../http/error.filter';

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';
const MESSAGE_ID = /^[0-9a-f-]{36}$/i;
/** As the API's form parser allows. */
const MAX_FIELDS = 200;

/**
 * Twilio's status callbacks — two per message, the API's busiest route by far — answered on a plain
 * Express route registered ahead of Nest's: signature checked, the status handed to the batch
 * writer, 204 once it is stored; without the guards, interceptors, pipes and body parsers every
 * other route passes through. Answers as the Nest route did: 403 for a bad signature (nothing
 * stored), the API's error body for anything else.
 */
export function statusCallbackRoute(webhooks: TwilioWebhooks, maxBytes: number): RequestHandler {
  const logger = new Logger('Http');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || (req.path !== '/' && req.path !== '')) {
      next();
      return;
    }
    correlationMiddleware(req, res, () => {
      void handle(req, res).catch((error: unknown) => {
        const body = errorBody(error);
        if (body.statusCode >= 500)
          logger.error({ msg: 'request failed', err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) });
        res.status(body.statusCode).json(body);
      });
    });
  };

  async function handle(req: Request, res: Response): Promise<void> {
    const fields = new URLSearchParams(await readBody(req, maxBytes));
    if ([...fields.keys()].length > MAX_FIELDS) throw new HttpException({ message: 'request body has too many fields' }, 413);
    const params: Record<string, string> = {};
    for (const [key, value] of fields) params[key] = value;
    const messageId = new URL(req.originalUrl, 'http://callback').searchParams.get('m') ?? undefined;
    await webhooks.applyStatus(
      { path: req.originalUrl, signature: req.header('x-twilio-signature'), params },
      messageId && MESSAGE_ID.test(messageId) ? messageId : undefined,
    );
    res.status(204).end();
  }
}

function readBody(req: Request, maxBytes: number): Promise<string> {
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
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
