import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role, StaffPrincipal } from '@porchlight/contracts';

const ROLES_KEY = 'porchlight:roles';

const SPOKEN: Record<Role, string> = { district_admin: 'a district admin', school_admin: 'a school admin', staff: 'staff', liaison: 'a liaison' };

/**
 * The roles that may call a route at all. Checked by `RolesGuard` before any pipe reads the body,
 * so a caller without the role gets 403 whatever they sent; the use-case keeps its own check.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Runs after `AuthGuard`: refuses a route marked `@Roles(...)` to a caller of another role. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const principal = context.switchToHttp().getRequest<{ principal?: StaffPrincipal }>().principal;
    if (principal && roles.includes(principal.role)) return true;
    throw new ForbiddenException(`only ${roles.map((role) => SPOKEN[role]).join(' or ')} can do this`);
  }
}
