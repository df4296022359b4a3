import { ForbiddenException } from '@nestjs/common';
import { Request } from 'express';

/** The cookie the portal signs in to: the access token, out of reach of the page's scripts. */
export const SESSION_COOKIE = 'porchlight_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie of the request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.header('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(value) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The host names this request was addressed to: its own `Host`, and the proxy's `X-Forwarded-Host` in front of it. */
function ownHosts(request: Request): string[] {
  const forwarded = request.header('x-forwarded-host')?.split(',')[0]?.trim();
  return [request.header('host'), forwarded].filter((h): h is string => Boolean(h)).map((h) => h.toLowerCase());
}

/** The host of an `Origin` header, or undefined when there is none or it is opaque (`null`). */
function originHost(origin: string | undefined): string | undefined {
  if (!origin || origin === 'null') return undefined;
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Cross-site request forgery: a write carried by the session cookie must come from a page of this
 * very host, which browsers state in `Origin` on every non-GET request. Comparing with the
 * request's own `Host` lets the portal work under whatever name it is reached by. `required`
 * refuses a write without `Origin`; sign-in (which has no cookie yet) only refuses a foreign one.
 */
export function checkSameOrigin(request: Request, required: boolean): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.header('origin');
  if (!origin && !required) return;
  const host = originHost(origin);
  if (!host || !ownHosts(request).includes(host)) {
    throw new ForbiddenException('cross-site request refused: a write signed in by cookie must come from this site (Origin must match Host)');
  }
}
