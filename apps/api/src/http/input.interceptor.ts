import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { bodyFailure } from './body-parsers';
import { findUnsafeInput } from './unsafe-input';

const ANY_TEXT = 'porchlight:anyText';

/**
 * A route that takes text as others wrote it (Twilio's webhooks: what a phone sent, covered by a
 * signature) and makes it safe to store itself, instead of refusing it.
 */
export const AcceptsAnyText = () => SetMetadata(ANY_TEXT, true);

/**
 * The one rule for every route's input, applied after the guards (so the caller is known first)
 * and before the pipes: an unreadable body is refused as the parser found it, and NUL, lone
 * surrogates, prototype keys and deep nesting anywhere in the body, query or route parameters are
 * refused with a 400 that names each field.
 */
@Injectable()
export class InputInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const failure = bodyFailure(http.getResponse<Response>());
    if (failure) throw failure;
    if (!this.reflector.getAllAndOverride<boolean>(ANY_TEXT, [context.getHandler(), context.getClass()])) {
      const request = http.getRequest<Request>();
      const details = [...findUnsafeInput(request.params), ...findUnsafeInput(request.query), ...findUnsafeInput(request.body)];
      if (details.length > 0) throw new BadRequestException({ message: 'validation failed', details });
    }
    return next.handle();
  }
}
