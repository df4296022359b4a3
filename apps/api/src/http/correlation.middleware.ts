import { randomUUID } from 'node:crypto';
import { TenantContext } from '@porchlight/tenancy';
import { NextFunction, Request, Response } from 'express';

const VALID = /^[A-Za-z0-9._-]{8,128}$/;

/** Every request runs in a scope with a correlation id (the caller's, if sane), echoed in the response. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  const correlationId = given && VALID.test(given) ? given : randomUUID();
  res.setHeader('x-correlation-id', correlationId);
  TenantContext.run({ correlationId }, () => next());
}
