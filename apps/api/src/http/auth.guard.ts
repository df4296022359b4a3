import { CanActivate, createParamDecorator, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffPrincipal } from '@porchlight/contracts';
import { StaffSession, StaffSessions } from '@porchlight/identity';
import { Public, PUBLIC_ROUTE } from '@porchlight/tenancy';
import { Request } from 'express';
import { checkSameOrigin, readCookie, SESSION_COOKIE } from './session-cookie';

export { Public };

type AuthedRequest = Request & { principal?: StaffPrincipal; session?: StaffSession };

/**
 * Every route needs a valid staff access token unless marked `@Public()`: in the bearer header, or
 * in the portal's session cookie (whose writes must come from this site: `Origin` equal to the
 * request's own host, else 403). The token only says who is calling; the user's current row says
 * what they may do (a deactivated user, a logged-out or outdated token: 401), and each token has a
 * call budget per minute (429).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: StaffSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const authorization = request.header('authorization');
    const [scheme, bearer] = (authorization ?? '').split(' ');
    const cookie = authorization ? undefined : readCookie(request, SESSION_COOKIE);
    const token = scheme.toLowerCase() === 'bearer' && bearer ? bearer : cookie;
    const session = token ? await this.sessions.authenticate(token) : undefined;
    if (!session) throw new UnauthorizedException('a valid access token is required');
    if (cookie) checkSameOrigin(request, true);
    request.session = session;
    request.principal = session.principal;
    return true;
  }
}

/** The authenticated staff member of this request, as their row stands now. */
export const Principal = createParamDecorator((_: unknown, context: ExecutionContext): StaffPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new UnauthorizedException('a valid access token is required');
  return principal;
});

/** The session of this request: its principal and the claims of its token (for logout). */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): StaffSession => {
  const session = context.switchToHttp().getRequest<AuthedRequest>().session;
  if (!session) throw new UnauthorizedException('a valid access token is required');
  return session;
});
