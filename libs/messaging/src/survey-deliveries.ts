import { EntityManager } from 'typeorm';

/** A survey message a status callback has just moved to `delivered`. */
export interface DeliveredSurveyMessage {
  surveyId: string;
  phone: string;
}

/**
 * Where status callbacks tell surveys (engagement, which ranks above messaging and implements
 * this) that their messages reached phones, inside the transaction that stores the status, one
 * call per batch of callbacks.
 */
export interface SurveyDeliveries {
  delivered(m: EntityManager, messages: readonly DeliveredSurveyMessage[]): Promise<void>;
}

/** The delivered survey messages among the rows a status update returned. */
export function deliveredSurveyMessages(rows: readonly { survey_id: string | null; phone: string; status: string }[]): DeliveredSurveyMessage[] {
  return rows.flatMap((row) => (row.survey_id !== null && row.status === 'delivered' ? [{ surveyId: row.survey_id, phone: row.phone }] : []));
}
