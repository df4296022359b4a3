import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { MessageText, messageText } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';

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

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const isoNow = (value: Date | string): string => new Date(value).toISOString();

export class ContactRecordUseCase {
  constructor(private readonly db: TenantDb) {}

  /** The record of contact `id` (district admins only; the request is audited as `contact.exported`). */
  async export(actor: StaffPrincipal, id: string): Promise<ContactRecord> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', "only a district admin can export a family member's record");
    return this.db.tx(async (m) => {
      const [contact] = await m.query(`select * from contacts where id = $1 and erased_at is null`, [id]);
      if (!contact) throw DomainError.notFound('contact');
      // Written first, so the record lists its own disclosure.
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'contact.exported', subjectType: 'contact', subjectId: id });
      const [district] = await m.query(`select id, name from tenants where id = $1`, [actor.tenantId]);
      const messages = await this.messages(m, contact);
      const phones = [...new Set([contact.phone, ...messages.map((r: any) => r.phone)].filter((p): p is string => Boolean(p) && p !== 'erased'))];
      const conversations = await m.query(
        `select * from conversations where phone = $1 or contact_id = $2 order by created_at, id`,
        [contact.phone, id],
      );
      const conversationByPhone = new Map<string, string>(
        conversations.filter((c: any) => c.phone === contact.phone || c.contact_id === id).map((c: any) => [c.phone, c.id]),
      );
      return {
        exportedAt: new Date().toISOString(),
        district: { id: district.id, name: district.name },
        contact: {
          id: contact.id,
          givenName: contact.given_name,
          familyName: contact.family_name,
          role: contact.role,
          phone: contact.phone,
          phoneSource: contact.phone_source,
          email: contact.email,
          language: contact.language,
          languageSource: contact.language_source,
          consent: contact.consent,
          timeZone: contact.time_zone,
          sourcedId: contact.source_id,
          createdAt: isoNow(contact.created_at),
          updatedAt: isoNow(contact.updated_at),
        },
        students: (
          await m.query(
            `select s.id, s.given_name, s.family_name, s.grade, s.source_id, sc.id as school_id, sc.name as school_name
             from contact_students cs join students s on s.id = cs.student_id join schools sc on sc.id = s.school_id
             where cs.contact_id = $1 order by s.family_name, s.given_name, s.id`,
            [id],
          )
        ).map((r: any) => ({
          id: r.id,
          givenName: r.given_name,
          familyName: r.family_name,
          grade: r.grade,
          sourcedId: r.source_id,
          school: { id: r.school_id, name: r.school_name },
        })),
        phones: await this.phones(m, id, contact.phone, phones),
        consentEvents: await this.consent(m, contact.phone, messages.map((r: any) => r.id)),
        conversations: conversations.map((c: any) => ({
          id: c.id,
          phone: c.phone,
          assignedUserId: c.assigned_user_id,
          schoolId: c.school_id,
          unreadCount: c.unread_count,
          suggestedLanguage: c.suggested_language,
          lastMessageAt: isoNow(c.last_message_at),
          createdAt: isoNow(c.created_at),
        })),
        messages: messages.map((r: any) => ({
          id: r.id,
          direction: r.direction,
          kind: r.kind,
          phone: r.phone,
          noticeId: r.notice_id,
          noticeTitle: r.notice_title,
          conversationId: conversationByPhone.get(r.phone) ?? null,
          language: r.language,
          ...messageText(r),
          status: r.status,
          errorCode: r.error_code,
          authorUserId: r.author_user_id,
          alsoForOthers: (r.contact_ids as string[]).some((other) => other !== id) || r.others_on_phone,
          sendAfter: iso(r.send_after),
          createdAt: isoNow(r.created_at),
          updatedAt: isoNow(r.updated_at),
        })),
        audit: await this.auditEntries(m, id, conversations.map((c: any) => c.id)),
      };
    });
  }

  /**
   * Messages to and from the current phone, and those that named this person on another phone.
   * `others_on_phone`: a reply from a phone other family members also have on file.
   */
  private messages(m: EntityManager, contact: { id: string; phone: string | null }): Promise<any[]> {
    return m.query(
      `select msg.*, n.title as notice_title,
         (msg.direction = 'inbound' and exists (select 1 from contacts o where o.phone = msg.phone and o.id <> $2 and o.erased_at is null)) as others_on_phone
       from messages msg left join notices n on n.id = msg.notice_id
       where msg.phone = $1 or $2 = any(msg.contact_ids)
       order by msg.created_at, msg.id`,
      [contact.phone, contact.id],
    );
  }

  private async phones(m: EntityManager, id: string, current: string | null, phones: string[]): Promise<ContactRecord['phones']> {
    if (phones.length === 0) return [];
    const rows = await m.query(
      `select p.phone, ph.opted_out_at, ph.invalid_reason,
         (select count(*)::int from contacts o where o.phone = p.phone and o.id <> $2 and o.erased_at is null) as shared
       from unnest($1::text[]) as p(phone) left join phones ph on ph.phone = p.phone
       order by p.phone = $3 desc, p.phone`,
      [phones, id, current],
    );
    return rows.map((r: any) => ({
      phone: r.phone,
      current: r.phone === current,
      optedOut: r.opted_out_at !== null,
      optedOutAt: iso(r.opted_out_at),
      invalidReason: r.invalid_reason,
      sharedWithOthers: r.shared,
    }));
  }

  /**
   * The consent ledger of the current phone, and entries on earlier phones caused by a message in
   * this record (another family may have that number now: the rest of its ledger is theirs).
   */
  private async consent(m: EntityManager, phone: string | null, messageIds: string[]): Promise<ContactRecord['consentEvents']> {
    const rows = await m.query(
      `select * from consent_events where phone = $1 or message_id = any($2::uuid[]) order by created_at, id`,
      [phone, messageIds],
    );
    return rows.map((r: any) => ({ id: r.id, phone: r.phone, action: r.action, source: r.source, messageId: r.message_id, createdAt: isoNow(r.created_at) }));
  }

  /** Entries about the person and about their conversations. */
  private async auditEntries(m: EntityManager, id: string, conversationIds: string[]): Promise<ContactRecord['audit']> {
    const rows = await m.query(
      `select * from audit_log
       where (subject_type = 'contact' and subject_id = $1) or (subject_type = 'conversation' and subject_id = any($2::text[]))
       order by created_at, id`,
      [id, conversationIds],
    );
    return rows.map((r: any) => ({
      id: String(r.id),
      action: r.action,
      actorUserId: r.actor_user_id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      data: r.data,
      createdAt: isoNow(r.created_at),
    }));
  }
}
