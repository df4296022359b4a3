import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';

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
      const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(parts) && parts.length === 1 && typeof parts[0] === 'string' && /^[1-9][0-9]{0,17}$/.test(parts[0])) return parts[0];
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
export class AuditLogUseCases {
  constructor(private readonly db: TenantDb) {}

  async list(actor: StaffPrincipal, filter: AuditLogFilter): Promise<AuditLogPage> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can read the audit log');
    const limit = filter.limit ?? 50;
    const after = AuditCursor.decode(filter.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filter.action !== undefined) add((p) => `action = ${p}`, filter.action);
    if (filter.actorId !== undefined) add((p) => `actor_user_id = ${p}::uuid`, filter.actorId);
    if (filter.from !== undefined) add((p) => `created_at >= ${p}::timestamptz`, instant('from', filter.from));
    if (filter.to !== undefined) add((p) => `created_at <= ${p}::timestamptz`, instant('to', filter.to));
    if (after !== undefined) add((p) => `id < ${p}::bigint`, after);
    params.push(limit + 1);
    const rows = await this.db.tx((m) =>
      m.query(
        `select id::text as id, created_at, actor_user_id, action, subject_type, subject_id, data, correlation_id
         from audit_log ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
         order by id desc limit $${params.length}`,
        params,
      ),
    );
    const items: AuditLogEntry[] = rows.slice(0, limit).map((row: Record<string, any>) => ({
      id: row.id,
      at: new Date(row.created_at).toISOString(),
      actorUserId: row.actor_user_id,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      data: row.data,
      correlationId: row.correlation_id,
    }));
    return { items, nextCursor: rows.length > limit && items.length > 0 ? AuditCursor.encode(items[items.length - 1].id) : null };
  }
}
