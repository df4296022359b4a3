import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';

export type NewAuditEntry = Pick<AuditLogEntity, 'tenantId' | 'actorUserId' | 'action' | 'subjectType' | 'subjectId' | 'data' | 'correlationId'>;

/**
 * Appends one entry, nothing read back (the log is append-only for the application role). One
 * statement: sends and fan-outs append on their hot path, and TypeORM's insert types have no room
 * for the `unknown` values of `data`.
 */
export async function appendAuditEntry(m: EntityManager, entry: NewAuditEntry): Promise<void> {
  await query(
    m,
    `insert into audit_log (tenant_id, actor_user_id, action, subject_type, subject_id, data, correlation_id)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [entry.tenantId, entry.actorUserId, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.data), entry.correlationId],
  );
}

export interface AuditEntryQuery {
  action?: string;
  actorUserId?: string;
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
  /** Entries with a smaller id than this one (the cursor). */
  beforeId?: string;
  limit: number;
}

/** The entries that match, newest (highest id) first. */
export function findAuditEntries(m: EntityManager, query: AuditEntryQuery): Promise<AuditLogEntity[]> {
  const select = m.createQueryBuilder(AuditLogEntity, 'a');
  if (query.action !== undefined) select.andWhere('a.action = :action', { action: query.action });
  if (query.actorUserId !== undefined) select.andWhere('a.actorUserId = :actor', { actor: query.actorUserId });
  if (query.from !== undefined) select.andWhere('a.createdAt >= :from', { from: query.from });
  if (query.to !== undefined) select.andWhere('a.createdAt <= :to', { to: query.to });
  if (query.beforeId !== undefined) select.andWhere('a.id < :before', { before: query.beforeId });
  return select.orderBy('a.id', 'DESC').limit(query.limit).getMany();
}
