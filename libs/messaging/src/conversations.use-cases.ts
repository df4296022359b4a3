import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { Cursor, FamilyScope, Page, pageOf } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { glossaryTermsFor, TenantTranslator, toProjectLanguage, translationFailureText, TranslationProviderError } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { MessageText, messageText } from './message-text';

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

/** How much of the latest message a list of threads shows. */
const PREVIEW_CHARS = 140;

export interface ConversationMessage extends MessageText {
  id: string;
  direction: 'outbound' | 'inbound';
  kind: string;
  language: string | null;
  status?: string;
  noticeId: string | null;
  authorUserId: string | null;
  /**
   * Why the text was not translated: a family reply no engine could translate for staff (staff
   * read it as the family wrote it), or a staff answer sent as written on the sender's word.
   */
  untranslated?: string;
  createdAt: string;
}

export interface ConversationView extends ConversationSummary {
  messages: ConversationMessage[];
}

/**
 * Threads the caller sees: those of the phones of their families (one phone is one family). The
 * family member shown is the one the thread was opened with, when the caller sees them too.
 * Returns the select and its `where` predicates; `params` receives the scope's parameters.
 */
function visibleThreads(scope: FamilyScope, params: unknown[]): { select: string; where: string[] } {
  const contactVisible = scope.contactSql('c', params);
  return {
    select: `select cv.*, c.id as shown_contact_id, c.given_name, c.family_name, c.language as contact_language
      from conversations cv left join contacts c on c.id = cv.contact_id and c.erased_at is null and ${contactVisible}`,
    where: [scope.phoneSql('cv.phone', params)],
  };
}

const toSummary = (r: any): ConversationSummary => ({
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

/** A conversation is a family phone's thread: notices, staff replies and the family's own texts. */
export class ConversationsUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly translator: TenantTranslator | null = null,
  ) {}

  async list(actor: StaffPrincipal, filter: { unread?: boolean; schoolId?: string; cursor?: string; limit?: number }): Promise<Page<ConversationSummary>> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const after = Cursor.decode(filter.cursor, ['time', 'uuid']);
    const params: unknown[] = [];
    const add = (value: unknown) => params.push(value);
    const { select, where } = visibleThreads(FamilyScope.of(actor), params);
    if (filter.schoolId) where.push(FamilyScope.schools([filter.schoolId]).phoneSql('cv.phone', params));
    if (filter.unread === true) where.push('cv.unread_count > 0');
    if (filter.unread === false) where.push('cv.unread_count = 0');
    if (after) {
      add(after[0]);
      add(after[1]);
      where.push(`(cv.last_message_at, cv.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    add(limit + 1);
    return this.db.tx(async (m) => {
      const found = await m.query(`${select} where ${where.join(' and ')} order by cv.last_message_at desc, cv.id desc limit $${params.length}`, params);
      const page = pageOf<ConversationSummary>(found.map(toSummary), limit, (c) => [c.lastMessageAt, c.id]);
      const latest = await this.latestMessages(
        m,
        page.items.map((c) => c.phone),
      );
      return { ...page, items: page.items.map((c) => ({ ...c, lastMessage: latest.get(c.phone) ?? null })) };
    });
  }

  /** The latest message of each phone's thread, cut to its start (one index probe per phone). */
  private async latestMessages(m: EntityManager, phones: string[]): Promise<Map<string, NonNullable<ConversationSummary['lastMessage']>>> {
    if (phones.length === 0) return new Map();
    const rows: Array<{ phone: string; direction: 'inbound' | 'outbound'; body: string | null; created_at: Date }> = await m.query(
      `select p.phone, lm.direction, case when lm.body_erased_at is null then left(lm.body, ${PREVIEW_CHARS}) end as body, lm.created_at
         from unnest($1::text[]) as p(phone)
         cross join lateral (select direction, body, body_erased_at, created_at from messages where phone = p.phone order by created_at desc, id desc limit 1) lm`,
      [phones],
    );
    return new Map(rows.map((r) => [r.phone, { direction: r.direction, body: r.body, createdAt: new Date(r.created_at).toISOString() }]));
  }

  async show(actor: StaffPrincipal, id: string): Promise<ConversationView> {
    return this.db.tx(async (m) => {
      const summary = await this.load(m, actor, id);
      const messages = await m.query(`select * from messages where phone = $1 order by created_at, id limit 500`, [summary.phone]);
      if (summary.assignedUserId === actor.userId || summary.assignedUserId === null) {
        await m.query(`update conversations set unread_count = 0 where id = $1`, [id]);
      }
      return {
        ...summary,
        messages: messages.map((r: any): ConversationMessage => ({
          id: r.id,
          direction: r.direction,
          kind: r.kind,
          ...messageText(r),
          language: r.language,
          status: r.direction === 'outbound' ? r.status : undefined,
          noticeId: r.notice_id,
          authorUserId: r.author_user_id,
          ...(r.untranslated_reason ? { untranslated: r.untranslated_reason } : {}),
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    });
  }

  /**
   * A staff reply, written in the staff member's language, translated into the family's and sent
   * as one message in the family's thread; the message keeps both texts. When nothing can translate
   * it into the family's language (no engine, or none for that language), nothing is sent: 409,
   * unless the sender confirms sending it as written (`sendUntranslated`), which the message then
   * records. When the engines fail for a while, 503: a family must not get a text it cannot read.
   */
  async reply(actor: StaffPrincipal, id: string, body: string, options: { sendUntranslated?: boolean } = {}): Promise<ConversationMessage> {
    const target = await this.db.tx(async (m) => {
      const summary = await this.load(m, actor, id);
      const [tenant] = await m.query(`select default_language from tenants where id = $1`, [actor.tenantId]);
      const language: string = summary.contact?.language ?? tenant.default_language;
      const same = toProjectLanguage(language) === toProjectLanguage(actor.language) || language === actor.language;
      const engine = !same && this.translator !== null && (await this.translator.configured(m));
      return { language, same, engine, terms: engine ? await glossaryTermsFor(m, language) : [] };
    });
    let sent = body;
    let untranslated: string | null = null;
    if (!target.same) {
      let reason: string | null = target.engine ? null : 'no machine translation is configured for this district';
      if (target.engine && this.translator) {
        try {
          sent = (await this.translator.translate(body, actor.language, target.language, target.terms)).text;
        } catch (error) {
          const passing = error instanceof TranslationProviderError && error.retryable;
          if (passing && !options.sendUntranslated) {
            throw new DomainError('unavailable', `the reply could not be translated into ${target.language}: ${translationFailureText(error)}`);
          }
          reason = translationFailureText(error);
        }
      }
      if (reason !== null) {
        if (!options.sendUntranslated) {
          throw new DomainError(
            'conflict',
            `nothing can translate this reply into ${target.language} (${reason}): the family would receive it as written. Send it with sendUntranslated: true to confirm, or write it in ${target.language}`,
            { language: target.language, reason },
          );
        }
        untranslated = `sent as written in ${actor.language}: ${reason}`;
      }
    }
    const translated = !target.same && untranslated === null;
    const message = await this.db.tx(async (m) => {
      const summary = await this.load(m, actor, id);
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, contact_ids, language, body, status, author_user_id, translated_body, translated_language, untranslated_reason)
         values ($1, 'outbound', 'reply', $2, $3, $4, $5, 'pending', $6, $7, $8, $9) returning *`,
        [
          actor.tenantId,
          summary.phone,
          summary.contact ? [summary.contact.id] : [],
          translated ? target.language : actor.language,
          sent,
          actor.userId,
          translated ? body : null,
          translated ? actor.language : null,
          untranslated,
        ],
      );
      await m.query(`update conversations set last_message_at = now(), unread_count = 0, assigned_user_id = coalesce(assigned_user_id, $2) where id = $1`, [
        id,
        actor.userId,
      ]);
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'conversation.reply',
        subjectType: 'conversation',
        subjectId: id,
        data: { messageId: row.id, ...(untranslated ? { sentUntranslated: true } : {}) },
      });
      return row;
    });
    // A staff reply goes to the head of the urgent band: ahead of broadcasts, behind emergencies.
    await this.jobs.add({ name: JobName.SendMessage, tenantId: actor.tenantId, messageId: message.id, urgency: 'urgent' });
    return {
      id: message.id,
      direction: 'outbound',
      kind: 'reply',
      ...messageText(message),
      language: message.language,
      status: message.status,
      noticeId: null,
      authorUserId: actor.userId,
      ...(untranslated ? { untranslated } : {}),
      createdAt: new Date(message.created_at).toISOString(),
    };
  }

  /**
   * Hands a thread to another staff member, or back to its school's shared inbox (`null`). The new
   * assignee must exist in the district and be allowed to see the family. A thread handed to
   * someone stays theirs; one given back to the inbox follows the family's replies again.
   */
  async assign(actor: StaffPrincipal, id: string, userId: string | null): Promise<ConversationSummary> {
    return this.db.tx(async (m) => {
      const summary = await this.load(m, actor, id);
      if (userId !== null) {
        const [user] = await m.query(`select id, role, school_ids from users where id = $1`, [userId]);
        if (!user) throw DomainError.notFound('user');
        const params: unknown[] = [summary.phone];
        const [visible] = await m.query(`select ${FamilyScope.of({ role: user.role, schoolIds: user.school_ids }).phoneSql('$1::text', params)} as ok`, params);
        if (!visible.ok)
          throw new DomainError('invalid', 'validation failed', [{ field: 'userId', message: "this staff member does not see this family's school" }]);
      }
      // Handing it to someone is a person's choice that routing keeps; back to the inbox, replies route again.
      await m.query(`update conversations set assigned_user_id = $2::uuid, assigned_manually = $2::uuid is not null where id = $1`, [id, userId]);
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'conversation.assigned',
        subjectType: 'conversation',
        subjectId: id,
        data: { userId },
      });
      return this.load(m, actor, id);
    });
  }

  private async load(m: EntityManager, actor: StaffPrincipal, id: string): Promise<ConversationSummary> {
    const params: unknown[] = [id];
    const { select, where } = visibleThreads(FamilyScope.of(actor), params);
    const [row] = await m.query(`${select} where cv.id = $1 and ${where.join(' and ')}`, params);
    if (!row) throw DomainError.notFound('conversation');
    return toSummary(row);
  }
}
