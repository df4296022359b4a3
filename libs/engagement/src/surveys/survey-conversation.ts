import { Injectable, Logger } from '@nestjs/common';
import { query, queryOne } from '@porchlight/database';
import { tenantProfile } from '@porchlight/identity';
import { lastOutboundTo } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { createAnswerParser, ParsedAnswer } from '../answers';
import { SurveyEntity } from '../data/survey.entity';
import { getSurvey } from '../data/surveys.repository';
import { insertAnswer, updateRecipient } from '../data/survey-recipients.repository';
import { closeSurvey } from './close-survey';
import { answerQuestion } from './survey-render';
import { startWaiting, writeStep } from './survey-steps';
import { sendingTexts } from './survey-texts';

export interface InboundText {
  id: string;
  phone: string;
  body: string;
  created_at: Date;
}

interface Asking {
  id: string;
  question_key: string;
  asked_again: boolean;
}

type Stored = { kind: 'answer' | 'text' | 'comment'; optionKey: string | null; value: number | null; confidence: number | null; matchedBy: string | null };

/** A reading as it is stored; null for a reply that fits nothing. */
function stored(parsed: ParsedAnswer): Stored | null {
  switch (parsed.kind) {
    case 'text':
      return { kind: 'text', optionKey: null, value: null, confidence: null, matchedBy: null };
    case 'unrecognised':
      return null;
    default: {
      const base = { kind: 'answer' as const, confidence: parsed.confidence, matchedBy: parsed.matchedBy };
      if ('optionKey' in parsed) return { ...base, optionKey: parsed.optionKey, value: null };
      if ('boolean' in parsed) return { ...base, optionKey: parsed.boolean ? 'yes' : 'no', value: null };
      return { ...base, optionKey: null, value: parsed.value };
    }
  }
}

/**
 * A family's side of a survey, called by inbound processing inside its transaction, after
 * STOP/START/HELP and language requests have had their turn (they always win over answers).
 *
 * A reply from a phone a survey is asking is read with the answer reader against the question it
 * was asked, in every language the survey was translated into and the district speaks. An answer
 * (or a text question's reply) is stored with the reply's message id (the original text stays in
 * the message, which also threads into the family's conversation and is translated for staff), and
 * the next question follows, or the thank-you after the last. A reply that fits nothing is asked
 * again once; a second misfit is kept as a comment and the survey moves on. A reply to a question
 * of a survey that has closed is stored uncounted and thanked once.
 */
@Injectable()
export class SurveyConversation {
  private readonly logger = new Logger(SurveyConversation.name);

  /** Returns the survey messages written (to hand to delivery), or null when no survey takes this reply. */
  async answer(m: EntityManager, tenantId: string, inbound: InboundText): Promise<{ outbound: string[] } | null> {
    const asking = await queryOne<Asking & { survey_id: string }>(
      m,
      `select r.id, r.question_key, r.asked_again, r.survey_id from survey_recipients r join surveys s on s.id = r.survey_id
       where r.phone = $1 and r.status = 'asking' and s.status = 'open' for update of r`,
      [inbound.phone],
    );
    if (asking) {
      const survey = await getSurvey(m, asking.survey_id);
      if (!survey.closesAt || inbound.created_at < survey.closesAt) return this.take(m, tenantId, survey, asking, inbound);
      // Its time has come and the sweep has not closed it yet: close it now, and this answer comes late.
      await closeSurvey(m, survey.id);
    }
    return this.late(m, tenantId, inbound);
  }

  /** The phone opted out: every survey asking or waiting for it stops (its unsent questions are suppressed at the claim). */
  async stop(m: EntityManager, phone: string): Promise<void> {
    await query(
      m,
      `update survey_recipients set status = 'stopped', finished_at = now(), updated_at = now() where phone = $1 and status in ('asking', 'waiting')`,
      [phone],
    );
  }

  private async take(m: EntityManager, tenantId: string, survey: SurveyEntity, asking: Asking, inbound: InboundText): Promise<{ outbound: string[] }> {
    const index = survey.questions.findIndex((q) => q.key === asking.question_key);
    const question = survey.questions[index];
    const parsed = await this.read(m, survey, index, inbound.body);
    let answer = stored(parsed);
    if (!answer && !asking.asked_again) {
      await updateRecipient(m, asking.id, { askedAgain: true });
      const outbound = await writeStep(m, survey, [asking.id], { kind: 'again', key: question.key }, { quietHours: false, replyToId: inbound.id });
      this.logger.log({
        msg: 'survey answer not recognised; asking again',
        surveyId: survey.id,
        messageId: inbound.id,
        reason: parsed.kind === 'unrecognised' ? parsed.reason : undefined,
      });
      return { outbound };
    }
    answer ??= { kind: 'comment', optionKey: null, value: null, confidence: null, matchedBy: null };
    await this.store(m, tenantId, survey.id, asking.id, question.key, inbound, answer, true);
    const next = survey.questions.at(index + 1);
    if (next) {
      await updateRecipient(m, asking.id, { questionKey: next.key, askedAgain: false });
      return {
        outbound: await writeStep(m, survey, [asking.id], { kind: 'question', key: next.key, first: false }, { quietHours: false, replyToId: inbound.id }),
      };
    }
    await updateRecipient(m, asking.id, { status: 'done', questionKey: null, finishedAt: () => 'now()' });
    const outbound = await writeStep(m, survey, [asking.id], { kind: 'thanks' }, { quietHours: false, replyToId: inbound.id });
    // The phone is free: a survey that waited for it starts now.
    outbound.push(...(await startWaiting(m, tenantId, { phone: inbound.phone, replyToId: inbound.id })));
    return { outbound };
  }

  /** A reply whose phone was last asked a question of a survey that has since closed. */
  private async late(m: EntityManager, tenantId: string, inbound: InboundText): Promise<{ outbound: string[] } | null> {
    const last = await lastOutboundTo(m, inbound.phone, inbound.created_at);
    if (!last?.surveyId || !(last.surveyStep?.startsWith('q:') || last.surveyStep === 'reminder')) return null;
    const recipient = await queryOne<{ id: string; question_key: string | null }>(
      m,
      `select r.id, r.question_key from survey_recipients r join surveys s on s.id = r.survey_id where r.survey_id = $1 and r.phone = $2 and r.status = 'closed' and s.status = 'closed'`,
      [last.surveyId, inbound.phone],
    );
    if (!recipient?.question_key) return null;
    const survey = await getSurvey(m, last.surveyId);
    const index = survey.questions.findIndex((q) => q.key === recipient.question_key);
    const answer = stored(await this.read(m, survey, index, inbound.body)) ?? {
      kind: 'comment',
      optionKey: null,
      value: null,
      confidence: null,
      matchedBy: null,
    };
    await this.store(m, tenantId, survey.id, recipient.id, recipient.question_key, inbound, answer, false);
    return { outbound: await writeStep(m, survey, [recipient.id], { kind: 'closed' }, { quietHours: false, replyToId: inbound.id }) };
  }

  private async read(m: EntityManager, survey: SurveyEntity, index: number, body: string): Promise<ParsedAnswer> {
    const { languages } = await tenantProfile(m, survey.tenantId);
    const texts = await sendingTexts(m, survey);
    const parser = createAnswerParser(answerQuestion(survey.questions[index], survey.sourceLanguage, texts), {
      languages: [...new Set([...languages, survey.sourceLanguage, ...texts.keys()])],
    });
    return parser.parse(body);
  }

  private async store(
    m: EntityManager,
    tenantId: string,
    surveyId: string,
    recipientId: string,
    questionKey: string,
    inbound: InboundText,
    answer: Stored,
    counted: boolean,
  ): Promise<void> {
    await insertAnswer(m, {
      tenantId,
      surveyId,
      recipientId,
      phone: inbound.phone,
      questionKey,
      messageId: inbound.id,
      kind: answer.kind,
      optionKey: answer.optionKey,
      value: answer.value === null ? null : String(answer.value),
      confidence: answer.confidence,
      matchedBy: answer.matchedBy,
      counted,
      createdAt: inbound.created_at,
    });
  }
}
