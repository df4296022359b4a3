import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Response } from 'express';
import { Observable } from 'rxjs';
import { bodyFailure } from './body-parsers';

/**
 * Applied after the guards (so the caller is known first) and before the pipes: an unreadable
 * body is refused as the parser found it.
 */
@Injectable()
export class InputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const failure = bodyFailure(context.switchToHttp().getResponse<Response>());
    if (failure) throw failure;
    return next.handle();
  }
}
