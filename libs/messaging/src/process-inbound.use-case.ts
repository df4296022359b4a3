import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobName } from '@porchlight/contracts';
import { familyContactByPhone, schoolOfContact, setFamilyLanguage } from '@porchlight/contacts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { tenantForMessaging } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { classifyKeyword, complianceReply } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { languageConfirmation, parseLanguageRequest, VotingLanguageDetector } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { recordConsent } from './consent';
import { ConversationEntity } from './data/conversation.entity';
import { MessageEntity } from './data/message.entity';
import { PhoneEntity } from './data/phone.entity';
import { INBOUND_SURVEYS } from './messaging.tokens';

/** An inbound message as processing reads it. */
interface InboundRow {
  id: string;
  phone: string;
  body: string;
  created_at: Date;
}

/**
 * Surveys by SMS (the engagement domain), as inbound processing needs them: inside its
 * transaction, after keywords and language requests, a reply from a phone a survey is asking is an
 * answer; the survey's next messages come back to be handed to delivery.
 */
export interface InboundSurveys {
  /** Null when no survey takes the reply; otherwise the survey message rows written. */
  answer(m: EntityManager, tenantId: string, inbound: { id: string; phone: string; body: string; created_at: Date }): Promise<{ outbound: string[] } | null>;
  /** The phone opted out: its surveys stop. */
  stop(m: EntityManager, phone: string): Promise<void>;
}

/** How many replies in a row, in another language than the family's, make a suggestion to staff. */
export const LANGUAGE_SUGGESTION_AFTER = 3;

/**
 * Classifies one stored inbound SMS: STOP/START/HELP keywords (in many languages) change consent
 * and get one confirmation in the family's language; a language's name ("ESPAÑOL", "LANG vi")
 * sets the family's language and is confirmed in it; anything else has its language detected
 * (offline, the family's preferred language as the prior) and threads into the family's
 * conversation — assigned to the author of the latest notice or staff answer that phone received,
 * unless a person assigned the thread, or else left in the shared inbox of the family's school —
 * then goes to the translation app to be translated for staff.
 */

@Injectable()
export class ProcessInboundUseCase {
  private readonly logger = new Logger(ProcessInboundUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    @Inject(INBOUND_SURVEYS) private readonly surveys: InboundSurveys,
  ) {}

  async execute(messageId: string): Promise<void> {
    const tenantId = TenantContext.tenantId();
    // Set inside the transaction: whether the message goes to be translated for staff.
    const outcome = { translate: false };
    const surveyMessages: string[] = [];
    const replyId = await this.db.tx(async (m) => {
      const message = await queryOne<InboundRow>(
        m,
        `update messages set processed_at = now() where id = $1 and direction = 'inbound' and processed_at is null
         returning id, phone, body, created_at`,
        [messageId],
      );
      if (!message) return undefined;
      const keyword = classifyKeyword(message.body);
      const contact = await familyContactByPhone(m, message.phone);
      const tenant = await tenantForMessaging(m, tenantId);
      const language = contact?.language ?? keyword.language ?? tenant.defaultLanguage;
      await query(m, `update messages set contact_ids = $2, language = coalesce(language, $3) where id = $1`, [
        messageId,
        contact ? [contact.id] : [],
        keyword.language ?? null,
      ]);

      // Messages from one phone are judged one at a time: two STOPs processed at once must not
      // both see a subscribed phone (and send two confirmations). The row lock serialises them.
      await m.createQueryBuilder().insert().into(PhoneEntity).values({ tenantId, phone: message.phone }).orIgnore().execute();
      const phone = await queryOne<{ opted_out_at: Date | null }>(m, `select opted_out_at from phones where phone = $1 for update`, [message.phone]);
      const optedOut = Boolean(phone?.opted_out_at);
      // What the message was, for the reach report: keywords and a language's name are not voice.
      if (keyword.kind === 'opt_out' || keyword.kind === 'help' || (keyword.kind === 'opt_in' && optedOut)) {
        await m.update(MessageEntity, { id: messageId }, { intent: 'keyword' });
      }
      // One confirmation per change: a second STOP from an opted-out phone gets no further text.
      if (keyword.kind === 'opt_out' && optedOut) return undefined;
      // START/YES from a phone that never left is an ordinary reply ("yes" to a question).
      if (keyword.kind === 'opt_out' || (keyword.kind === 'opt_in' && optedOut)) {
        await recordConsent(m, tenantId, { phone: message.phone, action: keyword.kind, source: 'keyword', messageId });
        if (keyword.kind === 'opt_out') await this.surveys.stop(m, message.phone);
        return this.reply(
          m,
          tenantId,
          message,
          language,
          complianceReply(keyword.kind, language, { name: tenant.name, helpText: tenant.helpText, contact: tenant.helpContact }),
        );
      }
      if (keyword.kind === 'help') {
        return this.reply(
          m,
          tenantId,
          message,
          language,
          complianceReply('help', language, { name: tenant.name, helpText: tenant.helpText, contact: tenant.helpContact }),
        );
      }
      const requested = contact ? parseLanguageRequest(message.body) : null;
      if (requested) {
        // One phone is one family: every contact on it now reads the language it chose.
        await setFamilyLanguage(m, message.phone, requested);
        await m.update(MessageEntity, { id: messageId }, { language: requested, intent: 'language' });
        await m.update(ConversationEntity, { phone: message.phone }, { suggestedLanguage: null });
        this.logger.log({ msg: 'family chose its language', messageId, language: requested });
        return this.reply(m, tenantId, message, requested, languageConfirmation(requested));
      }
      // A survey answer is also a reply: it threads into the conversation and is translated like any other.
      const survey = await this.surveys.answer(m, tenantId, message);
      if (survey) surveyMessages.push(...survey.outbound);
      const detected = new VotingLanguageDetector({ languages: tenant.languages }).detect(message.body, { preferred: contact?.language ?? null });
      // translate_requested_at: the reconciler asks again if Redis loses the translation job.
      await m.update(
        MessageEntity,
        { id: messageId },
        { language: detected.language ?? contact?.language ?? null, translateRequestedAt: () => 'now()', intent: 'reply' },
      );
      await this.thread(m, tenantId, message, contact ?? null);
      outcome.translate = true;
      return undefined;
    });
    if (outcome.translate) {
      await this.jobs.add({ name: JobName.TranslateReply, tenantId, messageId });
    }
    for (const id of surveyMessages) await this.jobs.add({ name: JobName.SendMessage, tenantId, messageId: id });
    if (replyId) {
      // A keyword's confirmation carries no priority: it goes ahead of every broadcast.
      await this.jobs.add({ name: JobName.SendMessage, tenantId, messageId: replyId });
    }
  }

  /** A system reply to one inbound message: unique per inbound message, so a retried job writes it once. */
  private async reply(m: EntityManager, tenantId: string, inbound: { id: string; phone: string }, language: string, body: string): Promise<string | undefined> {
    const row = await queryOne<{ id: string }>(
      m,
      `insert into messages (tenant_id, direction, kind, phone, language, body, status, reply_to_id)
       values ($1, 'outbound', 'system', $2, $3, $4, 'pending', $5)
       on conflict (reply_to_id) where kind = 'system' do nothing returning id`,
      [tenantId, inbound.phone, language, body, inbound.id],
    );
    return row?.id;
  }

  private async thread(
    m: EntityManager,
    tenantId: string,
    inbound: { id: string; phone: string; created_at: Date },
    contact: { id: string; language: string } | null,
  ): Promise<void> {
    // Whom the family is answering: the author of the latest notice or staff answer that reached it.
    const lastAuthor = await queryOne<{ author_user_id: string }>(
      m,
      `select author_user_id from messages
       where phone = $1 and direction = 'outbound' and kind in ('notice', 'reply') and author_user_id is not null
         and status in ('sending', 'sent', 'delivered') and created_at <= $2
       order by created_at desc, id desc limit 1`,
      [inbound.phone, inbound.created_at],
    );
    // Nobody wrote to this family yet: the reply waits in the shared inbox of its school.
    const schoolId = contact ? await schoolOfContact(m, contact.id) : undefined;
    const conversation = await queryOne<{ id: string; assigned_user_id: string | null }>(
      m,
      `insert into conversations (tenant_id, phone, contact_id, assigned_user_id, school_id, unread_count, last_message_at)
       values ($1, $2, $3, $4, $5, 1, $6)
       on conflict (tenant_id, phone) do update set
         unread_count = conversations.unread_count + 1,
         last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
         contact_id = coalesce(conversations.contact_id, excluded.contact_id),
         school_id = coalesce(conversations.school_id, excluded.school_id),
         -- A person's assignment stands; otherwise the thread follows whom the family is answering.
         assigned_user_id = case when conversations.assigned_manually then conversations.assigned_user_id
                                 else coalesce(excluded.assigned_user_id, conversations.assigned_user_id) end
       returning id, assigned_user_id`,
      [tenantId, inbound.phone, contact?.id ?? null, lastAuthor?.author_user_id ?? null, schoolId ?? null, inbound.created_at],
    );
    if (contact) await this.suggestLanguage(m, inbound.phone, contact.language);
    this.logger.log({ msg: 'reply threaded', messageId: inbound.id, conversationId: conversation?.id, assignedUserId: conversation?.assigned_user_id });
  }

  /** The family's last replies all in one other language: staff see it as a suggestion (never applied by itself). */
  private async suggestLanguage(m: EntityManager, phone: string, preferred: string): Promise<void> {
    const recent = await query<{ language: string | null }>(
      m,
      `select language from messages where phone = $1 and direction = 'inbound' and processed_at is not null order by created_at desc limit $2`,
      [phone, LANGUAGE_SUGGESTION_AFTER],
    );
    const first = recent[0]?.language;
    const suggested = recent.length === LANGUAGE_SUGGESTION_AFTER && first && first !== preferred && recent.every((r) => r.language === first) ? first : null;
    await m.update(ConversationEntity, { phone }, { suggestedLanguage: suggested });
  }
}
