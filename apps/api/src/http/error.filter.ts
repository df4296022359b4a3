import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode, ThrottledError } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { Response } from 'express';

const STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  throttled: 429,
  unavailable: 503,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  correlationId?: string;
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps every error to `{ statusCode, error, message, details? }` once; 500s hide behind a correlation id. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = errorBody(exception);
    const retryAfter = retryAfterHeader(exception);
    if (retryAfter) response.setHeader('Retry-After', retryAfter);
    logFailure(this.logger, exception, body);
    response.status(body.statusCode).json(body);
  }
}

/** `Retry-After` for an error that says when to come back. */
export function retryAfterHeader(exception: unknown): string | undefined {
  return exception instanceof ThrottledError ? String(Math.max(1, Math.ceil(exception.retryAfterSeconds))) : undefined;
}

/** Logs what a 5xx answer hides: a deliberate one (an engine unreachable for a moment) in one line, anything else with its stack. */
export function logFailure(logger: Logger, exception: unknown, body: ErrorBody): void {
  if (body.statusCode < 500) return;
  if (exception instanceof DomainError || exception instanceof HttpException) {
    logger.warn({ msg: 'request refused', statusCode: body.statusCode, reason: body.message });
  } else {
    logger.error({
      msg: 'request failed',
      err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : String(exception),
    });
  }
}

/** The API's answer to an error, as every route gives it. */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = STATUS[exception.code];
    return { statusCode, error: REASON[statusCode], message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const raw: unknown = exception.getResponse();
    const payload = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : { message: String(raw) };
    const message = typeof payload.message === 'string' ? payload.message : exception.message;
    return {
      statusCode,
      error: statusCode in REASON ? REASON[statusCode] : HttpStatus[statusCode] || 'Error',
      message,
      ...(payload.details !== undefined ? { details: payload.details } : {}),
    };
  }
  return {
    statusCode: 500,
    error: REASON[500],
    message: 'something went wrong; quote the correlation id when reporting it',
    correlationId: TenantContext.correlationId(),
  };
}
