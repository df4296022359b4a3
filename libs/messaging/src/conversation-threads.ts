import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { contactPhoneSql, Cursor, FamilyScope, familyContactJoinSql, Page, pageOf, schoolsOfPhone } from '@porchlight/contacts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { activeStaffForMessaging } from '@porchlight/identity';
import { EntityManager } from 'typeorm';
import { ThreadRow } from './data/conversation-rows';

export interface ConversationSummary {
  id: string;
  phone: string;
  contact: { id: string; givenName: string | null; familyName: string | null; language: string } | null;
  assignedUserId: string | null;
  /** A person assigned the thread: family replies no longer move it to whom they answer. */
  assignedManually: boolean;
  /** The school whose shared inbox holds the thread while nobody is assigned. */
  schoolId: string | null;
  /** The family's last replies were all in this language, not the one on file. */
  suggestedLanguage: string | null;
  unreadCount: number;
  lastMessageAt: string;
  /** In lists: the start of the thread's latest message (null once its text was removed). */
  lastMessage?: { direction: 'inbound' | 'outbound'; body: string | null; createdAt: string } | null;
}

/** What a list of threads is narrowed to, always within the caller's families. */
export interface ConversationFilter {
  unread?: boolean;
  /** Threads of families with a child in this school. */
  schoolId?: string;
  /** `me`: assigned to the caller; `none`: in a school's shared inbox, assigned to nobody. */
  assigned?: 'me' | 'none';
  /** `mine`: threads held for one of the caller's own schools (`schoolId` of the thread); none for a district admin. */
  school?: 'mine';
  /** The thread of this family member's phone. */
  contactId?: string;
  cursor?: string;
  limit?: number;
}

/** A staff member a thread can be handed to. */
export interface Assignee {
  id: string;
  name: string | null;
  email: string;
  role: string;
}

/** How much of the latest message a list of threads shows. */
const PREVIEW_CHARS = 140;

/**
 * Threads the caller sees: those of the phones of their families (one phone is one family). The
 * family member shown is the one the thread was opened with, when the caller sees them too.
 * Returns the select and its `where` predicates; `params` receives the scope's parameters.
 */
function visibleThreads(scope: FamilyScope, params: unknown[]): { select: string; where: string[] } {
  const contactVisible = scope.contactSql('c', params);
  return {
    select: `select cv.*, c.id as shown_contact_id, c.given_name, c.family_name, c.language as contact_language
      from conversations cv ${familyContactJoinSql('c', 'cv.contact_id', contactVisible)}`,
    where: [scope.phoneSql('cv.phone', params)],
  };
}

const toSummary = (r: ThreadRow): ConversationSummary => ({
  id: r.id,
  phone: r.phone,
  contact: r.shown_contact_id ? { id: r.shown_contact_id, givenName: r.given_name, familyName: r.family_name, language: r.contact_language } : null,
  assignedUserId: r.assigned_user_id,
  assignedManually: r.assigned_manually,
  schoolId: r.school_id,
  suggestedLanguage: r.suggested_language,
  unreadCount: r.unread_count,
  lastMessageAt: new Date(r.last_message_at).toISOString(),
});

/** One thread the caller sees, or a 404. */
export async function loadThread(m: EntityManager, actor: StaffPrincipal, id: string): Promise<ConversationSummary> {
  const params: unknown[] = [id];
  const { select, where } = visibleThreads(FamilyScope.of(actor), params);
  const row = await queryOne<ThreadRow>(m, `${select} where cv.id = $1 and ${where.join(' and ')}`, params);
  if (!row) throw DomainError.notFound('conversation');
  return toSummary(row);
}

/** The predicates of a filter, each within the caller's scope (which `visibleThreads` already applies). */
function filterSql(actor: StaffPrincipal, filter: ConversationFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown) => `$${params.push(value).toString()}`;
  if (filter.schoolId) where.push(FamilyScope.schools([filter.schoolId]).phoneSql('cv.phone', params));
  if (filter.unread === true) where.push('cv.unread_count > 0');
  if (filter.unread === false) where.push('cv.unread_count = 0');
  if (filter.assigned === 'me') where.push(`cv.assigned_user_id = ${add(actor.userId)}::uuid`);
  if (filter.assigned === 'none') where.push('cv.assigned_user_id is null');
  if (filter.school === 'mine') {
    const own = FamilyScope.of(actor).schoolIds ?? [];
    where.push(`cv.school_id = any(${add(own)}::uuid[])`);
  }
  if (filter.contactId) where.push(`cv.phone = ${contactPhoneSql(`${add(filter.contactId)}::uuid`)}`);
  return where;
}

/** The reads of the inbox: lists of threads, and whom a thread can be handed to. */
@Injectable()
export class ConversationThreads {
  constructor(private readonly db: TenantDb) {}

  async list(actor: StaffPrincipal, filter: ConversationFilter): Promise<Page<ConversationSummary>> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const after = Cursor.decode(filter.cursor, ['time', 'uuid']);
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value).toString()}`;
    const { select, where } = visibleThreads(FamilyScope.of(actor), params);
    where.push(...filterSql(actor, filter, params));
    if (after) where.push(`(cv.last_message_at, cv.id) < (${add(after[0])}::timestamptz, ${add(after[1])}::uuid)`);
    const limitParam = add(limit + 1);
    return this.db.tx(async (m) => {
      const found = await query<ThreadRow>(
        m,
        `${select} where ${where.join(' and ')} order by cv.last_message_at desc, cv.id desc limit ${limitParam}`,
        params,
      );
      const page = pageOf<ConversationSummary>(found.map(toSummary), limit, (c) => [c.lastMessageAt, c.id]);
      const latest = await this.latestMessages(
        m,
        page.items.map((c) => c.phone),
      );
      return { ...page, items: page.items.map((c) => ({ ...c, lastMessage: latest.get(c.phone) ?? null })) };
    });
  }

  /**
   * The district's active staff who see the thread's family (a district admin, or staff of a
   * school one of the family's children attends): those it can be handed to.
   */
  async assignees(actor: StaffPrincipal, id: string): Promise<Assignee[]> {
    return this.db.tx(async (m) => {
      const thread = await loadThread(m, actor, id);
      const schools = await schoolsOfPhone(m, thread.phone);
      const staff = await activeStaffForMessaging(m);
      return staff
        .filter((user) => {
          const scope = FamilyScope.of(user);
          return scope.districtWide || schools.some((school) => scope.seesSchool(school));
        })
        .map((user) => ({ id: user.id, name: user.name, email: user.email, role: user.role }));
    });
  }

  /** The latest message of each phone's thread, cut to its start (one index probe per phone). */
  private async latestMessages(m: EntityManager, phones: string[]): Promise<Map<string, NonNullable<ConversationSummary['lastMessage']>>> {
    if (phones.length === 0) return new Map();
    const rows = await query<{ phone: string; direction: 'inbound' | 'outbound'; body: string | null; created_at: Date }>(
      m,
      `select p.phone, lm.direction, case when lm.body_erased_at is null then left(lm.body, ${String(PREVIEW_CHARS)}) end as body, lm.created_at
         from unnest($1::text[]) as p(phone)
         cross join lateral (select direction, body, body_erased_at, created_at from messages where phone = p.phone order by created_at desc, id desc limit 1) lm`,
      [phones],
    );
    return new Map(rows.map((r) => [r.phone, { direction: r.direction, body: r.body, createdAt: new Date(r.created_at).toISOString() }]));
  }
}
