import { correlationIdFor } from '@porchlight/observability';
import { TenantContext } from '@porchlight/tenancy';
import { NextFunction, Request, Response } from 'express';

/** Every request runs in a scope with a correlation id (the caller's, if sane), echoed in the response. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  TenantContext.run({ correlationId: correlationIdFor(req, res) }, () => {
    next();
  });
}
