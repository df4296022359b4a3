import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { Observable } from 'rxjs';

/** Runs the handler of an authenticated request inside its tenant's context. */
@Injectable()
export class TenantScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = context.switchToHttp().getRequest<{ principal?: StaffPrincipal }>().principal;
    if (!principal) return next.handle();
    return new Observable((subscriber) => TenantContext.run({ tenantId: principal.tenantId }, () => next.handle().subscribe(subscriber)));
  }
}
