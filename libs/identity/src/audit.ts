import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';
import { appendAuditEntry } from './data/audit-log.repository';

export interface AuditEntry {
  actorUserId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction (the application role cannot update or delete it). */
export async function audit(m: EntityManager, tenantId: string, entry: AuditEntry): Promise<void> {
  await appendAuditEntry(m, {
    tenantId,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    data: entry.data ?? {},
    correlationId: TenantContext.correlationId() ?? null,
  });
}
