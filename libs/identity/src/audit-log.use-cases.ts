import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { AuditEntryQuery, findAuditEntries } from './data/audit-log.repository';

export interface AuditLogEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  data: Record<string, unknown>;
  correlationId: string | null;
}

export interface AuditLogFilter {
  action?: string;
  actorId?: string;
  /** Entries at or after this moment. */
  from?: string;
  /** Entries at or before this moment. */
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface AuditLogPage {
  items: AuditLogEntry[];
  nextCursor: string | null;
}

/** The cursor of the audit log: the id of the last entry of a page (ids grow with every entry). */
const AuditCursor = {
  encode(id: string): string {
    return Buffer.from(JSON.stringify([id])).toString('base64url');
  },
  decode(cursor: string | undefined): string | undefined {
    if (!cursor) return undefined;
    try {
      const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(parts) && parts.length === 1) {
        const id: unknown = parts[0];
        if (typeof id === 'string' && /^[1-9][0-9]{0,17}$/.test(id)) return id;
      }
    } catch {
      // fall through
    }
    throw new DomainError('invalid', 'validation failed', [{ field: 'cursor', message: 'cursor is not one this API issued' }]);
  },
};

/** A moment as Postgres reads it, or a 400 naming the field. */
function instant(field: string, value: string): string {
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999) {
    throw new DomainError('invalid', 'validation failed', [{ field, message: `${field} must be an ISO 8601 date or time` }]);
  }
  return date.toISOString();
}

/** Reads the district's audit log (which the application role can only append to), newest first. */
@Injectable()
export class AuditLogUseCases {
  constructor(private readonly db: TenantDb) {}

  async list(actor: StaffPrincipal, filter: AuditLogFilter): Promise<AuditLogPage> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can read the audit log');
    const limit = filter.limit ?? 50;
    const beforeId = AuditCursor.decode(filter.cursor);
    const query: AuditEntryQuery = {
      action: filter.action,
      actorUserId: filter.actorId,
      from: filter.from === undefined ? undefined : instant('from', filter.from),
      to: filter.to === undefined ? undefined : instant('to', filter.to),
      beforeId,
      limit: limit + 1,
    };
    const rows = await this.db.tx((m) => findAuditEntries(m, query));
    const items: AuditLogEntry[] = rows.slice(0, limit).map((row) => ({
      id: row.id,
      at: row.createdAt.toISOString(),
      actorUserId: row.actorUserId,
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      data: row.data,
      correlationId: row.correlationId,
    }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? AuditCursor.encode(last.id) : null };
  }
}
