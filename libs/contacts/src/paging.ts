import { DomainError } from '@porchlight/contracts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What one part of a cursor holds: a row id, a timestamp as the API writes it, an E.164 phone, or a short text (a title). */
export type CursorPart = 'uuid' | 'time' | 'phone' | 'text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;

const FITS: Record<CursorPart, (value: unknown) => boolean> = {
  uuid: (value) => typeof value === 'string' && UUID.test(value),
  // Exactly as `toISOString()` wrote it, in years Postgres takes.
  time: (value) => typeof value === 'string' && /^\d{4}-/.test(value) && value >= '1970' && isoTime(value) === value,
  phone: (value) => typeof value === 'string' && E164.test(value),
  // Postgres text takes no NUL; a title is short.
  text: (value) => typeof value === 'string' && value.length <= 500 && !value.includes('\u0000'),
};

function isoTime(value: string): string | undefined {
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/**
 * Opaque cursors: the sort key of the last item, base64url-encoded. A cursor is read back only
 * when each part has the shape the query expects, so a forged or garbled one is a 400 naming
 * `cursor`, never a query that fails.
 */
export const Cursor = {
  encode(parts: (string | number)[]): string {
    return Buffer.from(JSON.stringify(parts)).toString('base64url');
  },
  decode(cursor: string | undefined, shape: readonly CursorPart[]): string[] | undefined {
    if (!cursor) return undefined;
    try {
      const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(parts) && parts.length === shape.length && shape.every((kind, i) => FITS[kind](parts[i]))) return parts as string[];
    } catch {
      // fall through
    }
    throw new DomainError('invalid', 'validation failed', [{ field: 'cursor', message: 'cursor is not one this API issued' }]);
  },
};

export function pageOf<T>(rows: T[], limit: number, key: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length > 0 ? Cursor.encode(key(items[items.length - 1])) : null };
}
