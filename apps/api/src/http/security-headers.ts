import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { ApiEnv, corsOrigins } from '@porchlight/config';
import { RequestHandler } from 'express';
import helmet from 'helmet';

/** Where the OpenAPI UI lives; its page carries inline `<style>` blocks. */
export const DOCS_PATH = '/api/docs';

/**
 * The policy a same-origin single-page portal (a Vite build: scripts, styles and fonts from the
 * API's own origin, images also as data: and blob: URLs, calls only to the API) works under.
 * Nothing may frame the API's pages, post forms elsewhere or load plugins.
 */
function directives(inlineStyles: boolean) {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
}

const policy = (https: boolean, inlineStyles: boolean) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives(inlineStyles) },
    // Browsers are told to use https only when the API is published over https.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });

/**
 * helmet's headers on every response (`X-Content-Type-Options: nosniff`, `Referrer-Policy`,
 * `frame-ancestors 'none'`, HSTS when `PUBLIC_BASE_URL` is https, ...). The OpenAPI UI alone may
 * use inline styles, which its page needs.
 */
export function securityHeaders(env: ApiEnv): RequestHandler {
  const https = new URL(env.PUBLIC_BASE_URL).protocol === 'https:';
  const strict = policy(https, false);
  const docs = policy(https, true);
  return (req, res, next) => {
    (req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`) ? docs : strict)(req, res, next);
  };
}

/**
 * The headers `securityHeaders` sets on every response but the OpenAPI UI's, worked out once, for
 * the routes answered on Node's HTTP server ahead of Express (`answer-first.ts`).
 */
export function fixedSecurityHeaders(env: ApiEnv): [string, string][] {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  policy(new URL(env.PUBLIC_BASE_URL).protocol === 'https:', false)(request, response, () => undefined);
  if (!response.hasHeader('content-security-policy')) throw new Error('helmet did not set its headers at once');
  return Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]);
}

/**
 * CORS is closed (no `Access-Control-Allow-Origin` for anyone) unless `CORS_ORIGINS` lists origins;
 * then those, and only those, may call with a bearer token (no cookies are involved).
 */
export function corsOptions(
  env: ApiEnv,
): { origin: string[]; methods: string[]; allowedHeaders: string[]; exposedHeaders: string[]; maxAge: number } | undefined {
  const origins = corsOrigins(env);
  if (origins.length === 0) return undefined;
  return {
    origin: origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Correlation-Id'],
    exposedHeaders: ['X-Correlation-Id', 'Retry-After'],
    maxAge: 600,
  };
}
