import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';

export interface AuditEntry {
  actorUserId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction (the application role cannot update or delete it). */
export async function audit(m: EntityManager, tenantId: string, entry: AuditEntry): Promise<void> {
  await m.query(
    `insert into audit_log (tenant_id, actor_user_id, action, subject_type, subject_id, data, correlation_id)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      tenantId,
      entry.actorUserId ?? null,
      entry.action,
      entry.subjectType ?? null,
      entry.subjectId ?? null,
      JSON.stringify(entry.data ?? {}),
      TenantContext.correlationId() ?? null,
    ],
  );
}
