import { query, queryOne } from '@porchlight/database';
import { TextRemovalReason } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';

/**
 * The read model of a family member's record: what it reads of the contacts, messaging and
 * identity tables, by name, one statement per part, each typed by the row it answers. Row-level
 * security keeps every statement to the current district.
 */

export interface ContactRow {
  id: string;
  given_name: string | null;
  family_name: string | null;
  role: string | null;
  phone: string | null;
  phone_source: string;
  email: string | null;
  language: string;
  language_source: string;
  consent: string;
  time_zone: string | null;
  source_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface StudentRow {
  id: string;
  given_name: string;
  family_name: string;
  grade: string | null;
  source_id: string | null;
  school_id: string;
  school_name: string;
}

export interface RecordMessageRow {
  id: string;
  direction: 'outbound' | 'inbound';
  kind: string;
  phone: string;
  notice_id: string | null;
  notice_title: string | null;
  contact_ids: string[];
  language: string | null;
  body: string;
  translated_body: string | null;
  translated_language: string | null;
  body_erased_at: Date | null;
  body_erased_by: TextRemovalReason | null;
  status: string;
  error_code: number | null;
  author_user_id: string | null;
  send_after: Date | null;
  created_at: Date;
  updated_at: Date;
  /** A reply from a phone other (not erased) family members also have on file. */
  others_on_phone: boolean;
}

export interface RecordPhoneRow {
  phone: string;
  opted_out_at: Date | null;
  invalid_reason: string | null;
  /** Other (not erased) family members with this phone on file. */
  shared: number;
}

export interface ConsentEventRow {
  id: string;
  phone: string;
  action: string;
  source: string;
  message_id: string | null;
  created_at: Date;
}

export interface ConversationRow {
  id: string;
  phone: string;
  contact_id: string | null;
  school_id: string | null;
  assigned_user_id: string | null;
  unread_count: number;
  suggested_language: string | null;
  last_message_at: Date;
  created_at: Date;
}

export interface AuditRow {
  /** A bigint, as text. */
  id: string;
  action: string;
  actor_user_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  data: unknown;
  created_at: Date;
}

/** The district's name (`tenants`). */
export async function districtName(m: EntityManager, tenantId: string): Promise<string> {
  const row = await queryOne<{ name: string }>(m, `select name from tenants where id = $1`, [tenantId]);
  if (!row) throw new Error('the current district has no tenant row');
  return row.name;
}

/** A family member who was not erased (`contacts`). */
export function recordContact(m: EntityManager, id: string): Promise<ContactRow | undefined> {
  return queryOne<ContactRow>(
    m,
    `select id, given_name, family_name, role, phone, phone_source, email, language, language_source, consent, time_zone, source_id,
       created_at, updated_at
     from contacts where id = $1 and erased_at is null`,
    [id],
  );
}

/** The children linked to a family member, with their school. */
export function recordStudents(m: EntityManager, contactId: string): Promise<StudentRow[]> {
  return query<StudentRow>(
    m,
    `select s.id, s.given_name, s.family_name, s.grade, s.source_id, sc.id as school_id, sc.name as school_name
     from contact_students cs join students s on s.id = cs.student_id join schools sc on sc.id = s.school_id
     where cs.contact_id = $1 order by s.family_name, s.given_name, s.id`,
    [contactId],
  );
}

/** Messages to and from `phone`, and those that named the family member on another phone. */
export function recordMessages(m: EntityManager, contactId: string, phone: string | null): Promise<RecordMessageRow[]> {
  return query<RecordMessageRow>(
    m,
    `select msg.id, msg.direction, msg.kind, msg.phone, msg.notice_id, n.title as notice_title, msg.contact_ids, msg.language,
       msg.body, msg.translated_body, msg.translated_language, msg.body_erased_at, msg.body_erased_by, msg.status, msg.error_code,
       msg.author_user_id, msg.send_after, msg.created_at, msg.updated_at,
       (msg.direction = 'inbound' and exists (select 1 from contacts o where o.phone = msg.phone and o.id <> $2 and o.erased_at is null)) as others_on_phone
     from messages msg left join notices n on n.id = msg.notice_id
     where msg.phone = $1 or $2 = any(msg.contact_ids)
     order by msg.created_at, msg.id`,
    [phone, contactId],
  );
}

/** Each of `phones` (the current one first), with its opt-out state and how many others share it. */
export function recordPhones(m: EntityManager, contactId: string, current: string | null, phones: string[]): Promise<RecordPhoneRow[]> {
  return query<RecordPhoneRow>(
    m,
    `select p.phone, ph.opted_out_at, ph.invalid_reason,
       (select count(*)::int from contacts o where o.phone = p.phone and o.id <> $2 and o.erased_at is null) as shared
     from unnest($1::text[]) as p(phone) left join phones ph on ph.phone = p.phone
     order by p.phone = $3 desc, p.phone`,
    [phones, contactId, current],
  );
}

/** The consent ledger of `phone`, and entries caused by `messageIds`. */
export function recordConsentEvents(m: EntityManager, phone: string | null, messageIds: string[]): Promise<ConsentEventRow[]> {
  return query<ConsentEventRow>(
    m,
    `select id, phone, action, source, message_id, created_at from consent_events
     where phone = $1 or message_id = any($2::uuid[]) order by created_at, id`,
    [phone, messageIds],
  );
}

/** The thread of `phone`, and any thread assigned to the family member. */
export function recordConversations(m: EntityManager, contactId: string, phone: string | null): Promise<ConversationRow[]> {
  return query<ConversationRow>(
    m,
    `select id, phone, contact_id, school_id, assigned_user_id, unread_count, suggested_language, last_message_at, created_at
     from conversations where phone = $1 or contact_id = $2 order by created_at, id`,
    [phone, contactId],
  );
}

/** Audit entries about the family member and about `conversationIds`. */
export function recordAuditEntries(m: EntityManager, contactId: string, conversationIds: string[]): Promise<AuditRow[]> {
  return query<AuditRow>(
    m,
    `select id, action, actor_user_id, subject_type, subject_id, data, created_at from audit_log
     where (subject_type = 'contact' and subject_id = $1) or (subject_type = 'conversation' and subject_id = any($2::text[]))
     order by created_at, id`,
    [contactId, conversationIds],
  );
}
