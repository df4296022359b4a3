import { DynamicModule, RequestMethod } from '@nestjs/common';
import { TenantContext } from '@porchlight/tenancy';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, LoggerModule, Params, PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import { DestinationStream, LogFn, pino, Logger as Pino, stdTimeFunctions } from 'pino';
import { correlationIdFor } from './correlation';
import { isRedactedKey, redact, redactString, REDACTED } from './redact';

const LEVELS = ['debug', 'info', 'warn', 'error'];
/** Fields pino-http fills with the raw request and response: their serializers below keep only what is safe. */
const SERIALIZED = new Set(['req', 'res']);
/** Probes and scrapers ask these every few seconds: answered, never logged. */
const QUIET_PATHS = /^\/(?:health(?:\/ready)?|metrics)\/?(?:\?|$)/;

/** A log call's fields fit for a line: every value through `redact`, raw request and response left to their serializers. */
function redactFields(fields: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SERIALIZED.has(key)) out[key] = value;
    else out[key] = isRedactedKey(key) ? (value === null || value === undefined ? value : REDACTED) : redact(value);
  }
  return out;
}

/** The path of a request, without its query string (`/sandbox/messages?to=+1617…` carries phones). */
function pathOf(url: string | undefined): string {
  return redactString((url ?? '').split('?')[0] ?? '');
}

/**
 * The app's pino logger: one JSON object per line on stdout (`time`, `level`, `app`, `msg`, and the
 * tenant and correlation id of the request or job in hand), so one notice can be followed through
 * every process with `grep`. Every argument of every call goes through `redact` first: no phone
 * number, message text or credential reaches the line, whatever field or error message it hides in.
 */
export function createLogger(app: string, level: string = 'info', destination: DestinationStream = process.stdout): Pino {
  return pino(
    {
      level: LEVELS.includes(level) ? level : 'info',
      base: { app },
      timestamp: stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactFields(bindings),
      },
      mixin: () => ({ tenantId: TenantContext.optionalTenantId(), correlationId: TenantContext.correlationId() }),
      hooks: {
        logMethod(args: unknown[], method: LogFn): void {
          const safe = args.map((arg) =>
            typeof arg === 'string'
              ? redactString(arg)
              : arg instanceof Error
                ? { err: redact(arg) }
                : typeof arg === 'object' && arg !== null
                  ? redactFields(arg)
                  : arg,
          );
          Reflect.apply(method, this, safe);
        },
      },
    },
    destination,
  );
}

/**
 * nestjs-pino's settings over `root`: request logs (method, path without its query, status, time;
 * never headers or bodies; a 5xx as a warning) with the correlation id as the request id, except
 * for probes.
 */
export function loggerParams(root: Pino): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger: root,
      quietReqLogger: true,
      genReqId: (req: IncomingMessage, res: ServerResponse) => correlationIdFor(req, res),
      autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
      // An access log: a 5xx is a warning without a stack; the API's error filter logs the failure itself.
      customLogLevel: (_req: IncomingMessage, res: ServerResponse) => (res.statusCode >= 500 ? 'warn' : 'info'),
      customErrorObject: (_req: IncomingMessage, _res: ServerResponse, _error: Error, fields: { res: unknown; responseTime: number }) => ({
        res: fields.res,
        responseTime: fields.responseTime,
      }),
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/** nestjs-pino's PinoLogger over this app's own root logger (its default keeps the first one a process made). */
class AppPinoLogger extends PinoLogger {
  constructor(
    private readonly root: Pino,
    params: Params,
  ) {
    super(params);
  }

  override get logger(): Pino {
    return storage.getStore()?.logger ?? this.root;
  }
}

/** The Nest logger service over `root`, for `NestFactory.create(…, { logger })` and for `Logger` calls. */
export function nestLogger(root: Pino): Logger {
  const params = loggerParams(root);
  return new Logger(new AppPinoLogger(root, params), params);
}

/** The app's `module` with request logging and the request-scoped logger of nestjs-pino over `root`. */
export function withLogging(module: DynamicModule, root: Pino): DynamicModule {
  return { ...module, imports: [...(module.imports ?? []), LoggerModule.forRoot(loggerParams(root))] };
}
