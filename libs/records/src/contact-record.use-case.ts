import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { MessageText, messageText } from '@porchlight/messaging';
import {
  AuditRow,
  ConsentEventRow,
  ContactRow,
  ConversationRow,
  districtName,
  recordAuditEntries,
  recordConsentEvents,
  recordContact,
  recordConversations,
  RecordMessageRow,
  recordMessages,
  RecordPhoneRow,
  recordPhones,
  recordStudents,
  StudentRow,
} from './data/record.queries';

/**
 * Everything the district holds about one family member, for a records request. It reads across
 * domains and names what it reads: `contacts`, `contact_students` with `students` and `schools`,
 * `phones`, `consent_events`, `messages` (with their notice's title), `conversations` and
 * `audit_log`.
 *
 * Messages belong to a phone, not to a person: one text goes to a phone however many of its
 * contacts it concerns, and a reply comes from whoever holds the handset. So the record holds
 * every message to and from the person's current phone, plus any message on an earlier phone that
 * named this person as a recipient. On a phone shared with someone else (a second guardian, a
 * grandparent on two families' rosters) it therefore shows what the other person was sent and
 * what was answered from that phone too — the holder of the phone received it — marked
 * `alsoForOthers`, and never with the other person's id, name or details.
 */
export interface ContactRecord {
  exportedAt: string;
  district: { id: string; name: string };
  contact: {
    id: string;
    givenName: string | null;
    familyName: string | null;
    role: string | null;
    phone: string | null;
    phoneSource: string;
    email: string | null;
    language: string;
    languageSource: string;
    consent: string;
    timeZone: string | null;
    sourcedId: string | null;
    createdAt: string;
    updatedAt: string;
  };
  students: {
    id: string;
    givenName: string;
    familyName: string;
    grade: string | null;
    sourcedId: string | null;
    school: { id: string; name: string };
  }[];
  phones: {
    phone: string;
    current: boolean;
    optedOut: boolean;
    optedOutAt: string | null;
    invalidReason: string | null;
    /** How many other (not erased) family members of the district have this phone on file. */
    sharedWithOthers: number;
  }[];
  consentEvents: { id: string; phone: string; action: string; source: string; messageId: string | null; createdAt: string }[];
  conversations: {
    id: string;
    phone: string;
    assignedUserId: string | null;
    schoolId: string | null;
    unreadCount: number;
    suggestedLanguage: string | null;
    lastMessageAt: string;
    createdAt: string;
  }[];
  messages: (MessageText & {
    id: string;
    direction: 'outbound' | 'inbound';
    kind: string;
    phone: string;
    noticeId: string | null;
    noticeTitle: string | null;
    conversationId: string | null;
    language: string | null;
    status: string;
    errorCode: number | null;
    authorUserId: string | null;
    /** The message also concerned other family members on the same phone (their ids are not shown). */
    alsoForOthers: boolean;
    sendAfter: string | null;
    createdAt: string;
    updatedAt: string;
  })[];
  audit: { id: string; action: string; actorUserId: string | null; subjectType: string | null; subjectId: string | null; data: unknown; createdAt: string }[];
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

@Injectable()
export class ContactRecordUseCase {
  constructor(private readonly db: TenantDb) {}

  /** The record of contact `id` (district admins only; the request is audited as `contact.exported`). */
  async export(actor: StaffPrincipal, id: string): Promise<ContactRecord> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', "only a district admin can export a family member's record");
    return this.db.tx(async (m) => {
      const contact = await recordContact(m, id);
      if (!contact) throw DomainError.notFound('contact');
      // Written first, so the record lists its own disclosure.
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'contact.exported', subjectType: 'contact', subjectId: id });
      const name = await districtName(m, actor.tenantId);
      const messages = await recordMessages(m, id, contact.phone);
      const phones = [...new Set([contact.phone, ...messages.map((r) => r.phone)])].filter((p): p is string => p !== null && p !== '' && p !== 'erased');
      const conversations = await recordConversations(m, id, contact.phone);
      const conversationByPhone = new Map(conversations.filter((c) => c.phone === contact.phone || c.contact_id === id).map((c) => [c.phone, c.id]));
      return {
        exportedAt: new Date().toISOString(),
        district: { id: actor.tenantId, name },
        contact: toContact(contact),
        students: (await recordStudents(m, id)).map(toStudent),
        phones: phones.length === 0 ? [] : (await recordPhones(m, id, contact.phone, phones)).map((r) => toPhone(r, contact.phone)),
        consentEvents: (
          await recordConsentEvents(
            m,
            contact.phone,
            messages.map((r) => r.id),
          )
        ).map(toConsentEvent),
        conversations: conversations.map(toConversation),
        messages: messages.map((r) => toMessage(r, id, conversationByPhone.get(r.phone) ?? null)),
        audit: (
          await recordAuditEntries(
            m,
            id,
            conversations.map((c) => c.id),
          )
        ).map(toAuditEntry),
      };
    });
  }
}

const toContact = (c: ContactRow): ContactRecord['contact'] => ({
  id: c.id,
  givenName: c.given_name,
  familyName: c.family_name,
  role: c.role,
  phone: c.phone,
  phoneSource: c.phone_source,
  email: c.email,
  language: c.language,
  languageSource: c.language_source,
  consent: c.consent,
  timeZone: c.time_zone,
  sourcedId: c.source_id,
  createdAt: c.created_at.toISOString(),
  updatedAt: c.updated_at.toISOString(),
});

const toStudent = (r: StudentRow): ContactRecord['students'][number] => ({
  id: r.id,
  givenName: r.given_name,
  familyName: r.family_name,
  grade: r.grade,
  sourcedId: r.source_id,
  school: { id: r.school_id, name: r.school_name },
});

const toPhone = (r: RecordPhoneRow, current: string | null): ContactRecord['phones'][number] => ({
  phone: r.phone,
  current: r.phone === current,
  optedOut: r.opted_out_at !== null,
  optedOutAt: iso(r.opted_out_at),
  invalidReason: r.invalid_reason,
  sharedWithOthers: r.shared,
});

/**
 * The consent ledger of the current phone, and entries on earlier phones caused by a message in
 * this record (another family may have that number now: the rest of its ledger is theirs).
 */
const toConsentEvent = (r: ConsentEventRow): ContactRecord['consentEvents'][number] => ({
  id: r.id,
  phone: r.phone,
  action: r.action,
  source: r.source,
  messageId: r.message_id,
  createdAt: r.created_at.toISOString(),
});

const toConversation = (c: ConversationRow): ContactRecord['conversations'][number] => ({
  id: c.id,
  phone: c.phone,
  assignedUserId: c.assigned_user_id,
  schoolId: c.school_id,
  unreadCount: c.unread_count,
  suggestedLanguage: c.suggested_language,
  lastMessageAt: c.last_message_at.toISOString(),
  createdAt: c.created_at.toISOString(),
});

/** `alsoForOthers`: the message named other family members too, or came from a phone they share. */
const toMessage = (r: RecordMessageRow, contactId: string, conversationId: string | null): ContactRecord['messages'][number] => ({
  id: r.id,
  direction: r.direction,
  kind: r.kind,
  phone: r.phone,
  noticeId: r.notice_id,
  noticeTitle: r.notice_title,
  conversationId,
  language: r.language,
  ...messageText(r),
  status: r.status,
  errorCode: r.error_code,
  authorUserId: r.author_user_id,
  alsoForOthers: r.contact_ids.some((other) => other !== contactId) || r.others_on_phone,
  sendAfter: iso(r.send_after),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Entries about the person and about their conversations. */
const toAuditEntry = (r: AuditRow): ContactRecord['audit'][number] => ({
  id: r.id,
  action: r.action,
  actorUserId: r.actor_user_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  data: r.data,
  createdAt: r.created_at.toISOString(),
});
