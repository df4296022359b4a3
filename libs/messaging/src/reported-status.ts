import { MessageStatus } from '@porchlight/contracts';
import { contactsTimeZoneSql } from '@porchlight/contacts';
import { queryOne } from '@porchlight/database';
import { tenantQuietHoursSql } from '@porchlight/identity';
import { twilioErrorMessage } from '@porchlight/sms';
import { EntityManager } from 'typeorm';
import { recordConsent } from './consent';
import { MAX_UNREACHABLE_ATTEMPTS } from './send-message.use-case';
import { deliveredSurveyMessages, SurveyDeliveries } from './survey-deliveries';

/** A status the provider reported for one message, by a callback or when asked. */
export interface ReportedStatusWithCode {
  /** Ours, when the callback's URL carried it; else the message is found by its SID alone. */
  messageId: string | null;
  sid: string;
  status: MessageStatus;
  errorCode: number | null;
}

/** What storing a reported status settled: whether the row moved, and the try to enqueue for an unreachable handset. */
export interface ReportedOutcome {
  updated: boolean;
  retry?: { messageId: string; attempts: number; delayMs: number };
}

/**
 * Stores one reported status with a callback's rules — it only moves forward, and a report for an
 * earlier attempt's SID never touches the current one — and acts on what it says, in `m`'s
 * transaction: a survey message delivered is told to the survey; 21610 (the phone unsubscribed at
 * the carrier) opts the phone out; an `undelivered` with 30003 (handset unreachable) is planned for
 * another try a bounded number of times (its own budget, MAX_UNREACHABLE_ATTEMPTS): the row goes
 * back to `queued` with its old SID kept in its history, never inside a normal notice's quiet hours.
 * The caller enqueues the returned retry once the transaction has committed.
 */
export async function storeReportedStatus(
  m: EntityManager,
  tenantId: string,
  report: ReportedStatusWithCode,
  surveys: SurveyDeliveries | null,
  unreachableRetryMs: number,
): Promise<ReportedOutcome> {
  const { messageId, sid, status, errorCode } = report;
  const updated = await queryOne<{ id: string; phone: string; attempts: number; unreachable_attempts: number; survey_id: string | null; status: string }>(
    m,
    `update messages set status = $3, provider_sid = coalesce(provider_sid, $2),
       error_code = coalesce($4, error_code), error_message = case when $4::int is not null then $5 else error_message end,
       unreachable_attempts = unreachable_attempts + case when $3 = 'undelivered' and $4::int = 30003 then 1 else 0 end,
       updated_at = now()
     where ${messageId ? 'id = $1::uuid and (provider_sid is null or provider_sid = $2)' : 'provider_sid = $2 and $1::uuid is null'}
       and not ($2 = any(provider_sid_history))
       and direction = 'outbound' and message_status_rank(status) < message_status_rank($3)
     returning id, phone, attempts, unreachable_attempts, survey_id, status`,
    [messageId, sid, status, errorCode, errorCode ? twilioErrorMessage(errorCode) : null],
  );
  if (!updated) return { updated: false };
  const delivered = deliveredSurveyMessages([updated]);
  if (surveys && delivered.length > 0) await surveys.delivered(m, delivered);
  if (errorCode === 21610) {
    await recordConsent(m, tenantId, { phone: updated.phone, action: 'opt_out', source: 'provider', messageId: updated.id });
  }
  // 30003 has its own budget, which this report has just counted.
  if (status === 'undelivered' && errorCode === 30003 && updated.unreachable_attempts < MAX_UNREACHABLE_ATTEMPTS) {
    const planned = await queryOne<{ delay_ms: number }>(
      m,
      `update messages msg set status = 'queued', provider_sid_history = provider_sid_history || provider_sid, provider_sid = null,
         send_after = coalesce(
           (select next_sending_time_at(
                     coalesce(${contactsTimeZoneSql('msg.contact_ids')}, phone_time_zone(msg.phone), t.timezone),
                     t.quiet_hours_start, t.quiet_hours_end, now() + make_interval(secs => $2))
            from (${tenantQuietHoursSql('msg.tenant_id')}) t join notices n on n.id = msg.notice_id and n.urgency = 'normal'),
           now() + make_interval(secs => $2)),
         updated_at = now()
       where id = $1 and status = 'undelivered'
       returning greatest(0, ceil(extract(epoch from (msg.send_after - now())) * 1000))::int as delay_ms`,
      [updated.id, (unreachableRetryMs * updated.unreachable_attempts) / 1000],
    );
    const delayMs = planned?.delay_ms ?? unreachableRetryMs * updated.unreachable_attempts;
    return { updated: true, retry: { messageId: updated.id, attempts: updated.attempts, delayMs } };
  }
  return { updated: true };
}
