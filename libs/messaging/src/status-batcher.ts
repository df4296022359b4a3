import { MessageStatus } from '@porchlight/contracts';
import { query, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { TenantGroupCommit } from './group-commit';
import { deliveredSurveyMessages, SurveyDeliveries } from './survey-deliveries';

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
 * Rather than one transaction each, they are group-committed per tenant (`TenantGroupCommit`): a
 * lone callback is written at once, and the callbacks that arrive while a statement of the
 * tenant's is being written go together in the next one (up to `maxBatch`); a batch of notice and
 * reply messages is stored in one round trip (`record_statuses`). Each request is
 * answered only once its batch is committed — so Twilio still gets a 2xx only for a status that
 * is stored. Same rules as one at a time: status only moves forward, and a callback for an earlier
 * attempt's SID is ignored. The survey messages a batch delivers are handed to `surveys` in the
 * same transaction (their recipients' delivered flag).
 */
export class StatusBatcher {
  private readonly batches: TenantGroupCommit<ReportedStatus, boolean>;

  constructor(
    private readonly db: TenantDb,
    private readonly surveys: SurveyDeliveries | null = null,
    maxBatch = 500,
  ) {
    this.batches = new TenantGroupCommit((tenantId, batch) => this.write(tenantId, batch), maxBatch);
  }

  /** Whether this callback moved its message. */
  apply(tenantId: string, messageId: string, sid: string, status: MessageStatus): Promise<boolean> {
    return this.batches.submit(tenantId, { messageId, sid, status });
  }

  private async write(tenantId: string, batch: ReportedStatus[]): Promise<boolean[]> {
    const furthest = new Map<string, ReportedStatus>();
    for (const entry of batch) {
      const seen = furthest.get(entry.messageId);
      if (!seen || rank(entry.status) > rank(seen.status)) furthest.set(entry.messageId, entry);
    }
    const changed = await this.record(tenantId, [...furthest.values()]);
    return batch.map((entry) => furthest.get(entry.messageId) === entry && changed.has(entry.messageId));
  }

  /**
   * Stores the batch; the ids it changed. Notice and reply messages take one round trip
   * (`record_statuses`); the survey messages it names, if any, take a transaction that also tells
   * the survey which of them reached the phone.
   */
  private async record(tenantId: string, entries: readonly ReportedStatus[]): Promise<Set<string>> {
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
