import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HttpException, Logger } from '@nestjs/common';
import { answerFirst, BodyTooLargeError, correlationIdFor, readBody, RequestListener } from '@porchlight/observability';
import { TenantContext } from '@porchlight/tenancy';
import { errorBody, logFailure, retryAfterHeader } from './error.filter';

/** A route answered ahead of Express: it reads the request itself and ends the response, or throws. */
export type LeanHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** As the API's form parser allows. */
const MAX_FIELDS = 200;

/**
 * Makes `server` answer a POST to one of `routes`' paths itself — the path exactly, with or without
 * a query string — before Express sees the request; every other request goes to the listeners the
 * server had (Express, and Nest behind it), so other methods and other spellings of these paths
 * (a trailing slash, another case) still reach Nest's routes. Express 5's router and request
 * set-up alone cost about 80 µs a request, more than a webhook's own work.
 *
 * Each answer carries what the API gives every response: the security headers (`headers`, from
 * `fixedSecurityHeaders`), a correlation id, and for an error the API's error body (with the same
 * logging as `ErrorFilter`).
 */
export function answerRoutesFirst(server: Server, headers: readonly (readonly [string, string])[], routes: Readonly<Record<string, LeanHandler>>): void {
  const logger = new Logger('Http');
  const handlers = new Map(Object.entries(routes).map(([path, handle]) => [path, answered(handle)]));
  answerFirst(server, (req) => (req.method === 'POST' ? handlers.get(pathOf(req.url)) : undefined));

  function answered(handle: LeanHandler): RequestListener {
    return (req, res) => {
      for (const [name, value] of headers) res.setHeader(name, value);
      TenantContext.run({ correlationId: correlationIdFor(req, res) }, () => {
        handle(req, res).catch((error: unknown) => {
          const body = errorBody(error);
          logFailure(logger, error, body);
          if (res.headersSent) return;
          const retryAfter = retryAfterHeader(error);
          if (retryAfter) res.setHeader('retry-after', retryAfter);
          res.writeHead(body.statusCode, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(body));
        });
      });
    };
  }
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * The request's form-encoded body as fields (the last of a repeated name), read up to `maxBytes`:
 * 413 beyond, or beyond the fields the API's form parser allows; 400 when the caller goes away.
 */
export async function readForm(req: IncomingMessage, maxBytes: number): Promise<Record<string, string>> {
  const body = await readBody(req, maxBytes).catch((error: unknown) => {
    throw error instanceof BodyTooLargeError
      ? new HttpException({ message: 'request body is too large' }, 413)
      : new HttpException({ message: 'request body could not be read' }, 400);
  });
  // Counted as the form parser counts them: by their separators.
  for (let fields = 1, at = body.indexOf('&'); at >= 0; at = body.indexOf('&', at + 1))
    if (++fields > MAX_FIELDS) throw new HttpException({ message: 'request body could not be read' }, 413);
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) params[key] = value;
  return params;
}
