import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { SurveyAnswerEntity } from './survey-answer.entity';
import { SurveyRecipientEntity } from './survey-recipient.entity';

/** Where one recipient stands now; `updated_at` is now. */
export async function updateRecipient(
  m: EntityManager,
  id: string,
  changes: Partial<Pick<SurveyRecipientEntity, 'status' | 'questionKey' | 'askedAgain'>> & { finishedAt?: () => string },
): Promise<void> {
  await m.update(SurveyRecipientEntity, { id }, { ...changes, updatedAt: () => 'now()' });
}

export type NewAnswer = Pick<
  SurveyAnswerEntity,
  | 'tenantId'
  | 'surveyId'
  | 'recipientId'
  | 'phone'
  | 'questionKey'
  | 'messageId'
  | 'kind'
  | 'optionKey'
  | 'value'
  | 'confidence'
  | 'matchedBy'
  | 'counted'
  | 'createdAt'
>;

/**
 * Stores an answer once per reply (its message) and, in the same statement, makes it its
 * recipient's latest answer to the question when it counts (counted, before the survey's
 * `closesAt`) and is later than the one held (by time, then id, as results have always ordered
 * them), and the recipient `responded`: results read those rows only.
 */
export async function insertAnswer(m: EntityManager, answer: NewAnswer): Promise<void> {
  await query(
    m,
    `with stored as (
       insert into survey_answers (tenant_id, survey_id, recipient_id, phone, question_key, message_id, kind, option_key, value, confidence, matched_by, counted, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (message_id) do nothing
       returning *
     ),
     latest as (
       insert into survey_latest_answers as l (tenant_id, survey_id, recipient_id, phone, question_key, answer_id, message_id, kind, option_key, value, created_at)
       select a.tenant_id, a.survey_id, a.recipient_id, a.phone, a.question_key, a.id, a.message_id, a.kind, a.option_key, a.value, a.created_at
       from stored a join surveys s on s.id = a.survey_id
       where a.counted and (s.closes_at is null or a.created_at < s.closes_at)
       on conflict (survey_id, recipient_id, question_key) do update
         set answer_id = excluded.answer_id, message_id = excluded.message_id, kind = excluded.kind, option_key = excluded.option_key,
           value = excluded.value, created_at = excluded.created_at
         where (excluded.created_at, excluded.answer_id) > (l.created_at, l.answer_id)
       returning l.recipient_id
     )
     update survey_recipients r set responded = true from latest where r.id = latest.recipient_id and not r.responded`,
    [
      answer.tenantId,
      answer.surveyId,
      answer.recipientId,
      answer.phone,
      answer.questionKey,
      answer.messageId,
      answer.kind,
      answer.optionKey,
      answer.value,
      answer.confidence,
      answer.matchedBy,
      answer.counted,
      answer.createdAt,
    ],
  );
}
