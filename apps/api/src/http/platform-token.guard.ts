import { timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { PLATFORM_ADMIN_TOKEN } from '../tokens';

/**
 * Platform calls carry `PLATFORM_ADMIN_TOKEN` instead of a staff token. A guard, so the token is
 * checked before any pipe reads the body: an anonymous caller learns nothing about its fields.
 */
@Injectable()
export class PlatformTokenGuard implements CanActivate {
  constructor(@Inject(PLATFORM_ADMIN_TOKEN) private readonly platformToken: string) {}

  canActivate(context: ExecutionContext): boolean {
    const [scheme, token = ''] = (context.switchToHttp().getRequest<Request>().header('authorization') ?? '').split(' ');
    const given = Buffer.from(token);
    const expected = Buffer.from(this.platformToken);
    if (scheme.toLowerCase() !== 'bearer' || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException('the platform admin token is required');
    }
    return true;
  }
}
