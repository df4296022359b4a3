import { CanActivate, createParamDecorator, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffPrincipal } from '@porchlight/contracts';
import { AccessTokens } from '@porchlight/identity';
import { Public, PUBLIC_ROUTE } from '@porchlight/tenancy';
import { Request } from 'express';

export { Public };

type AuthedRequest = Request & { principal?: StaffPrincipal };

/** Every route needs a valid staff access token unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly tokens: AccessTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    const principal = scheme?.toLowerCase() === 'bearer' && token ? await this.tokens.verify(token) : undefined;
    if (!principal) throw new UnauthorizedException('a valid access token is required');
    request.principal = principal;
    return true;
  }
}

/** The authenticated staff member of this request. */
export const Principal = createParamDecorator((_: unknown, context: ExecutionContext): StaffPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new UnauthorizedException('a valid access token is required');
  return principal;
});
