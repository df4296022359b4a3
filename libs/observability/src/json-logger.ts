import { LoggerService } from '@nestjs/common';
import { TenantContext } from '@porchlight/tenancy';
import { redact } from './redact';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

/**
 * One JSON object per line on stdout, with the app, the tenant and the correlation id of the
 * request or job in hand, so one notice can be followed through every process with `grep`.
 * Everything a caller passes goes through `redact` first: no phone number, message text or
 * credential reaches the line, whatever field or error message it hides in.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(private readonly app: string, level: string = 'info') {
    this.threshold = LEVELS[(level as Level) in LEVELS ? (level as Level) : 'info'];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] < this.threshold) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    for (const extra of rest) {
      if (extra instanceof Error) fields.err = { message: extra.message, stack: extra.stack };
      else if (typeof extra === 'string') fields.stack = extra;
      else if (extra && typeof extra === 'object') Object.assign(fields, extra);
    }
    const given = redact({
      ...(message instanceof Error ? { msg: message.message, err: message } : typeof message === 'object' && message !== null ? message : { msg: String(message) }),
      ...fields,
    }) as Record<string, unknown>;
    const line = {
      time: new Date().toISOString(),
      level,
      app: this.app,
      context,
      tenantId: TenantContext.optionalTenantId(),
      correlationId: TenantContext.correlationId(),
      ...given,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
