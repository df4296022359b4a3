import { DomainError, JobName, jobId, StaffPrincipal } from '@porchlight/contracts';
import { contactInSchoolsSql, Cursor, Page, pageOf, schoolScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';

export interface ConversationSummary {
  id: string;
  phone: string;
  contact: { id: string; givenName: string | null; familyName: string | null; language: string } | null;
  assignedUserId: string | null;
  unreadCount: number;
  lastMessageAt: string;
}

export interface ConversationMessage {
  id: string;
  direction: 'outbound' | 'inbound';
  kind: string;
  body: string;
  language: string | null;
  translatedBody?: string;
  translatedLanguage?: string;
  status?: string;
  noticeId: string | null;
  authorUserId: string | null;
  createdAt: string;
}

export interface ConversationView extends ConversationSummary {
  messages: ConversationMessage[];
}

const SELECT = `
  select cv.*, c.given_name, c.family_name, c.language as contact_language
  from conversations cv left join contacts c on c.id = cv.contact_id and c.erased_at is null`;

const toSummary = (r: any): ConversationSummary => ({
  id: r.id,
  phone: r.phone,
  contact: r.contact_id ? { id: r.contact_id, givenName: r.given_name, familyName: r.family_name, language: r.contact_language } : null,
  assignedUserId: r.assigned_user_id,
  unreadCount: r.unread_count,
  lastMessageAt: new Date(r.last_message_at).toISOString(),
});

/** A conversation is a family phone's thread: notices, staff replies and the family's own texts. */
export class ConversationsUseCases {
  constructor(private readonly db: TenantDb, private readonly jobs: JobProducer) {}

  async list(actor: StaffPrincipal, filter: { unread?: boolean; schoolId?: string; cursor?: string; limit?: number }): Promise<Page<ConversationSummary>> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const after = Cursor.decode(filter.cursor, 2);
    const params: unknown[] = [];
    const where: string[] = ['true'];
    const add = (value: unknown) => params.push(value);
    const scope = schoolScope(actor);
    if (scope) {
      add(scope);
      add(actor.userId);
      where.push(`(cv.assigned_user_id = $${params.length} or ${contactInSchoolsSql('c', params.length - 1)})`);
    }
    if (filter.schoolId) {
      add([filter.schoolId]);
      where.push(contactInSchoolsSql('c', params.length));
    }
    if (filter.unread === true) where.push('cv.unread_count > 0');
    if (filter.unread === false) where.push('cv.unread_count = 0');
    if (after) {
      add(after[0]);
      add(after[1]);
      where.push(`(cv.last_message_at, cv.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    add(limit + 1);
    return this.db.tx(async (m) => {
      const found = await m.query(`${SELECT} where ${where.join(' and ')} order by cv.last_message_at desc, cv.id desc limit $${params.length}`, params);
      return pageOf(found.map(toSummary), limit, (c) => [c.lastMessageAt, c.id]);
    });
  }

  async show(actor: StaffPrincipal, id: string): Promise<ConversationView> {
    return this.db.tx(async (m) => {
      const summary = await this.load(m, actor, id);
      const messages = await m.query(
        `select * from messages where phone = $1 order by created_at, id limit 500`,
        [summary.phone],
      );
      if (summary.assignedUserId === actor.userId || summary.assignedUserId === null) {
        await m.query(`update conversations set unread_count = 0 where id = $1`, [id]);
      }
      return {
        ...summary,
        messages: messages.map(
          (r: any): ConversationMessage => ({
            id: r.id,
            direction: r.direction,
            kind: r.kind,
            body: r.body,
            language: r.language,
            status: r.direction === 'outbound' ? r.status : undefined,
            noticeId: r.notice_id,
            authorUserId: r.author_user_id,
            createdAt: new Date(r.created_at).toISOString(),
          }),
        ),
      };
    });
  }

  /** A staff reply, sent as one message in the family's thread. */
  async reply(actor: StaffPrincipal, id: string, body: string): Promise<ConversationMessage> {
    const message = await this.db.tx(async (m) => {
      const summary = await this.load(m, actor, id);
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, contact_ids, language, body, status, author_user_id)
         values ($1, 'outbound', 'reply', $2, $3, $4, $5, 'pending', $6) returning *`,
        [actor.tenantId, summary.phone, summary.contact ? [summary.contact.id] : [], actor.language, body, actor.userId],
      );
      await m.query(
        `update conversations set last_message_at = now(), unread_count = 0, assigned_user_id = coalesce(assigned_user_id, $2) where id = $1`,
        [id, actor.userId],
      );
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'conversation.reply', subjectType: 'conversation', subjectId: id, data: { messageId: row.id } });
      return row;
    });
    await this.jobs.enqueue(
      { name: JobName.SendMessage, data: { tenantId: actor.tenantId, correlationId: TenantContext.correlationId() ?? message.id, messageId: message.id } },
      { jobId: jobId.sendMessage(message.id), priority: 1 },
    );
    return {
      id: message.id,
      direction: 'outbound',
      kind: 'reply',
      body: message.body,
      language: message.language,
      status: message.status,
      noticeId: null,
      authorUserId: actor.userId,
      createdAt: new Date(message.created_at).toISOString(),
    };
  }

  private async load(m: EntityManager, actor: StaffPrincipal, id: string): Promise<ConversationSummary> {
    const scope = schoolScope(actor);
    const [row] = await m.query(
      `${SELECT} where cv.id = $1 and ($2::uuid[] is null or cv.assigned_user_id = $3 or ${contactInSchoolsSql('c', 2)})`,
      [id, scope, actor.userId],
    );
    if (!row) throw DomainError.notFound('conversation');
    return toSummary(row);
  }
}
