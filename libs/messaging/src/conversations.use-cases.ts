import { Injectable } from '@nestjs/common';
import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { audit, staffForMessaging, tenantForMessaging } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { glossaryTermsFor, TenantTranslator, toProjectLanguage, translationFailureText, TranslationProviderError } from '@porchlight/translation';
import { ConversationSummary, loadThread } from './conversation-threads';
import { ThreadMessageRow } from './data/conversation-rows';
import { MessageText, messageText } from './message-text';

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

/** A conversation is a family phone's thread: notices, staff replies and the family's own texts. */
@Injectable()
export class ConversationsUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly translator: TenantTranslator,
  ) {}

  async show(actor: StaffPrincipal, id: string): Promise<ConversationView> {
    return this.db.tx(async (m) => {
      const summary = await loadThread(m, actor, id);
      const messages = await query<ThreadMessageRow>(m, `select * from messages where phone = $1 order by created_at, id limit 500`, [summary.phone]);
      if (summary.assignedUserId === actor.userId || summary.assignedUserId === null) {
        await query(m, `update conversations set unread_count = 0 where id = $1`, [id]);
      }
      return {
        ...summary,
        messages: messages.map((r): ConversationMessage => ({
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
      const summary = await loadThread(m, actor, id);
      const { defaultLanguage } = await tenantForMessaging(m, actor.tenantId);
      const language = summary.contact?.language ?? defaultLanguage;
      const same = toProjectLanguage(language) === toProjectLanguage(actor.language) || language === actor.language;
      const engine = !same && (await this.translator.configured(m));
      return { language, same, engine, terms: engine ? await glossaryTermsFor(m, language) : [] };
    });
    let sent = body;
    let untranslated: string | null = null;
    if (!target.same) {
      let reason: string | null = target.engine ? null : 'no machine translation is configured for this district';
      if (target.engine) {
        try {
          sent = (await this.translator.translate(body, actor.language, target.language, target.terms)).text;
        } catch (error: unknown) {
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
      const summary = await loadThread(m, actor, id);
      const row = await queryOne<ThreadMessageRow>(
        m,
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
      if (!row) throw new Error(`conversation ${id}: the reply was not written`);
      await query(m, `update conversations set last_message_at = now(), unread_count = 0, assigned_user_id = coalesce(assigned_user_id, $2) where id = $1`, [
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
      const summary = await loadThread(m, actor, id);
      if (userId !== null) {
        const user = await staffForMessaging(m, userId);
        if (!user) throw DomainError.notFound('user');
        const params: unknown[] = [summary.phone];
        const visible = await queryOne<{ ok: boolean }>(m, `select ${FamilyScope.of(user).phoneSql('$1::text', params)} as ok`, params);
        if (!visible?.ok)
          throw new DomainError('invalid', 'validation failed', [{ field: 'userId', message: "this staff member does not see this family's school" }]);
      }
      // Handing it to someone is a person's choice that routing keeps; back to the inbox, replies route again.
      await query(m, `update conversations set assigned_user_id = $2::uuid, assigned_manually = $2::uuid is not null where id = $1`, [id, userId]);
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'conversation.assigned',
        subjectType: 'conversation',
        subjectId: id,
        data: { userId },
      });
      return loadThread(m, actor, id);
    });
  }
}
