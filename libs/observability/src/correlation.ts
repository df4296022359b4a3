import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const VALID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The correlation id of a request: the caller's `x-correlation-id` if sane, else a new one, echoed
 * in the response. The first caller decides and the others read it back from the response, so the
 * request log (pino-http) and the request's scope (the API's correlation middleware) agree
 * whichever runs first.
 */
export function correlationIdFor(req: IncomingMessage, res: ServerResponse): string {
  const chosen = res.getHeader(CORRELATION_HEADER);
  if (typeof chosen === 'string') return chosen;
  const given = req.headers[CORRELATION_HEADER];
  const correlationId = typeof given === 'string' && VALID.test(given) ? given : randomUUID();
  if (!res.headersSent) res.setHeader(CORRELATION_HEADER, correlationId);
  return correlationId;
}
