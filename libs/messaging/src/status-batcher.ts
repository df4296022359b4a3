import { MessageStatus } from '@porchlight/contracts';
import { query, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { deliveredSurveyMessages, SurveyDeliveries } from './survey-deliveries';

interface PendingStatus {
  messageId: string;
  sid: string;
  status: MessageStatus;
  resolve: (updated: boolean) => void;
  reject: (error: unknown) => void;
}

/** The order statuses move in; a batch keeps only the furthest callback per message. */
const RANK: Record<string, number> = { pending: 0, queued: 1, sending: 2, sent: 3 };
const rank = (status: string) => RANK[status] ?? 4;

/** A status the provider reported for one of our messages, under the SID it reported it for. */
export interface ReportedStatus {
  messageId: string;
  sid: string;
  status: MessageStatus;
}

/**
 * Stores reported statuses in one statement, with a callback's rules: a status only moves forward,
 * a message without a SID takes the reported one, and a report for an earlier attempt's SID is
 * ignored. The survey messages this delivers are handed to `surveys` in the same transaction.
 * Returns the rows it changed.
 */
export async function recordStatuses(
  m: EntityManager,
  entries: readonly ReportedStatus[],
  surveys: SurveyDeliveries | null,
): Promise<{ id: string; status: string }[]> {
  const rows = await query<{ id: string; survey_id: string | null; phone: string; status: string }>(
    m,
    `update messages m set status = v.status, provider_sid = coalesce(m.provider_sid, v.sid), updated_at = now()
     from unnest($1::uuid[], $2::text[], $3::text[]) as v(id, sid, status)
     where m.id = v.id and (m.provider_sid is null or m.provider_sid = v.sid) and not (v.sid = any(m.provider_sid_history))
       and m.direction = 'outbound' and message_status_rank(m.status) < message_status_rank(v.status)
     returning m.id, m.survey_id, m.phone, m.status`,
    [entries.map((e) => e.messageId), entries.map((e) => e.sid), entries.map((e) => e.status)],
  );
  const delivered = deliveredSurveyMessages(rows);
  if (surveys && delivered.length > 0) await surveys.delivered(m, delivered);
  return rows;
}

/**
 * Plain status callbacks (no error code) arrive two or three per message during a broadcast.
 * A batch of notice and reply messages is stored in one round trip (`record_statuses`).
 * Rather than one transaction each, they are group-committed per tenant: while one statement of a
 * tenant's is being written, the callbacks that arrive meanwhile wait, and are written together
 * in the next one as soon as it is done. A lone callback is written at once; under load the
 * batches grow with the load (up to `maxBatch`), with no timer in between. Each request is
 * answered only once its batch is committed — so Twilio still gets a 2xx only for a status that
 * is stored. Same rules as one at a time: status only moves forward, and a callback for an earlier
 * attempt's SID is ignored. The survey messages a batch delivers are handed to `surveys` in the
 * same transaction (their recipients' delivered flag).
 */
export class StatusBatcher {
  private readonly pending = new Map<string, PendingStatus[]>();
  /** Tenants with a statement being written now. */
  private readonly writing = new Set<string>();

  constructor(
    private readonly db: TenantDb,
    private readonly surveys: SurveyDeliveries | null = null,
    private readonly maxBatch = 500,
  ) {}

  apply(tenantId: string, messageId: string, sid: string, status: MessageStatus): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const list = this.pending.get(tenantId) ?? [];
      list.push({ messageId, sid, status, resolve, reject });
      this.pending.set(tenantId, list);
      if (!this.writing.has(tenantId)) void this.flushTenant(tenantId);
    });
  }

  private async flushTenant(tenantId: string): Promise<void> {
    const waiting = this.pending.get(tenantId);
    if (!waiting || waiting.length === 0) return;
    const batch = waiting.splice(0, this.maxBatch);
    if (waiting.length === 0) this.pending.delete(tenantId);
    this.writing.add(tenantId);
    const furthest = new Map<string, PendingStatus>();
    for (const entry of batch) {
      const seen = furthest.get(entry.messageId);
      if (!seen || rank(entry.status) > rank(seen.status)) furthest.set(entry.messageId, entry);
    }
    const entries = [...furthest.values()];
    try {
      const changed = await this.record(tenantId, entries);
      for (const entry of batch) entry.resolve(furthest.get(entry.messageId) === entry && changed.has(entry.messageId));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.writing.delete(tenantId);
      void this.flushTenant(tenantId);
    }
  }

  /**
   * Stores the batch; the ids it changed. Notice and reply messages take one round trip
   * (`record_statuses`); the survey messages it names, if any, take a transaction that also tells
   * the survey which of them reached the phone.
   */
  private async record(tenantId: string, entries: readonly PendingStatus[]): Promise<Set<string>> {
    const rows = await this.db.call<{ id: string; survey: boolean }>('record_statuses', tenantId, [
      entries.map((e) => e.messageId),
      entries.map((e) => e.sid),
      entries.map((e) => e.status),
    ]);
    const changed = new Set(rows.filter((row) => !row.survey).map((row) => row.id));
    const surveyIds = new Set(rows.filter((row) => row.survey).map((row) => row.id));
    if (surveyIds.size > 0) {
      const surveyEntries = entries.filter((e) => surveyIds.has(e.messageId));
      for (const row of await this.db.txFor(tenantId, (m) => recordStatuses(m, surveyEntries, this.surveys))) changed.add(row.id);
    }
    return changed;
  }
}
