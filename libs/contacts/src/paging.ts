import { DomainError } from '@porchlight/contracts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque cursors: the sort key of the last item, base64url-encoded. */
export const Cursor = {
  encode(parts: (string | number)[]): string {
    return Buffer.from(JSON.stringify(parts)).toString('base64url');
  },
  decode(cursor: string | undefined, arity: number): (string | number)[] | undefined {
    if (!cursor) return undefined;
    try {
      const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(parts) && parts.length === arity) return parts;
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
