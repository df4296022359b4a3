import { query, queryOne } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/**
 * What other domains read and write of messages, notices and phones, so those tables are named
 * here only. The builders return statements for `from (...) alias` (Postgres flattens them into the
 * caller's statement: the indexes and plans are those of the statement written out); parameters are
 * given as placeholders of the caller's statement (`'$1'`).
 */

/** Outbound messages delivered in a window: rows `(phone, created_at)`, read through `messages_reach_delivered`. */
export function deliveredMessagesSql(from: string, to: string): string {
  return `select phone, created_at from messages
      where direction = 'outbound' and status = 'delivered' and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`;
}

/** Families' replies (not keywords, not a language's name) in a window: rows `(phone, created_at)`, through `messages_reach_replies`. */
export function familyRepliesSql(from: string, to: string): string {
  return `select phone, created_at from messages
        where direction = 'inbound' and intent = 'reply' and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`;
}

/** Each known phone's consent and carrier state: rows `(phone, opted_out_at, invalid_reason)`. */
export function phoneConsentSql(): string {
  return `select phone, opted_out_at, invalid_reason from phones`;
}

/**
 * Messages with their texts as stored: rows `(id, phone, direction, language, body, translated_body,
 * translated_language, body_erased_at, created_at)`. A reader that shows texts to staff hides
 * `body` and `translated_body` once `body_erased_at` is set.
 */
export function messageTextsSql(): string {
  return `select id, phone, direction, language, body, translated_body, translated_language, body_erased_at, created_at from messages`;
}

/**
 * Notices as their authors follow them: rows `(id, audience, body, source_language, fanned_out_at,
 * status, messaged, delivered)`. `status` counts `sent` as the notices API says it (fanned out, no
 * message still on its way); `messaged`: its message rows not suppressed; `delivered`: those delivered.
 */
export function noticeProgressSql(): string {
  return `select n.id, n.audience, n.body, n.source_language, n.fanned_out_at,
      case when n.status = 'sending' and n.fanned_out_at is not null
        and not exists (select 1 from messages u where u.notice_id = n.id and u.status in ('pending', 'queued', 'sending')) then 'sent' else n.status end as status,
      (select count(*) from messages lm where lm.notice_id = n.id and lm.status <> 'suppressed') as messaged,
      (select count(*) from messages lm where lm.notice_id = n.id and lm.status = 'delivered') as delivered
    from notices n`;
}

/** Notices that have been fanned out: rows `(id, fanned_out_at)`. */
export function fannedOutNoticesSql(): string {
  return `select id, fanned_out_at from notices where fanned_out_at is not null`;
}

/**
 * Writes outbound survey messages (kind `survey`, `pending`) from `rows`, a statement giving
 * `(tenant_id, survey_id, survey_step, phone, contact_ids, language, body, author_user_id,
 * reply_to_id, send_after)` with their types; one per (survey, phone, step), a repeat written
 * once. Returns rows `(id)` of the messages written.
 */
export function insertSurveyMessagesSql(rows: string): string {
  return `insert into messages (tenant_id, survey_id, survey_step, direction, kind, phone, contact_ids, language, body, status, author_user_id, reply_to_id, send_after)
     select w.tenant_id, w.survey_id, w.survey_step, 'outbound', 'survey', w.phone, w.contact_ids, w.language, w.body, 'pending', w.author_user_id, w.reply_to_id, w.send_after
     from (${rows}) w
     on conflict (survey_id, phone, survey_step) where survey_id is not null do nothing
     returning id`;
}

/** Of these messages, those still `pending`, with the milliseconds until each may be sent (0: now), by id. */
export async function pendingMessageDelays(m: EntityManager, ids: readonly string[]): Promise<{ id: string; delay_ms: number }[]> {
  return query<{ id: string; delay_ms: number }>(
    m,
    `select id, greatest(0, floor(extract(epoch from (send_after - now())) * 1000))::int as delay_ms
     from messages where id = any($1::uuid[]) and status = 'pending' order by id`,
    [ids],
  );
}

/** Marks these messages `queued` (their jobs exist), those still `pending`. */
export async function markMessagesQueued(m: EntityManager, ids: readonly string[]): Promise<void> {
  await query(m, `update messages set status = 'queued', updated_at = now() where id = any($1::uuid[]) and status = 'pending'`, [ids]);
}

/** A closed survey's messages not yet handed to the provider fail (`survey closed`): they are never sent. */
export async function failUnsentSurveyMessages(m: EntityManager, surveyId: string): Promise<void> {
  await query(
    m,
    `update messages set status = 'failed', error_message = 'survey closed', updated_at = now()
     where survey_id = $1 and direction = 'outbound' and status in ('pending', 'queued') and provider_sid is null`,
    [surveyId],
  );
}

/** The last outbound message (not failed) a phone was sent up to `before`: the survey and step it was, if any. */
export async function lastOutboundTo(
  m: EntityManager,
  phone: string,
  before: Date,
): Promise<{ surveyId: string | null; surveyStep: string | null } | undefined> {
  const row = await queryOne<{ survey_id: string | null; survey_step: string | null }>(
    m,
    `select survey_id, survey_step from messages where phone = $1 and direction = 'outbound' and status <> 'failed' and created_at <= $2
     order by created_at desc limit 1`,
    [phone, before],
  );
  return row && { surveyId: row.survey_id, surveyStep: row.survey_step };
}
