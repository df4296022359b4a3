import { query } from '@porchlight/database';
import { failUnsentSurveyMessages } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { markSurveyClosed } from '../data/surveys.repository';

/**
 * Closes a survey (staff, or its `closesAt` passing): phones still asked or waiting are `closed`,
 * survey messages not yet handed to the provider are not sent. Their phones are then free for the
 * next survey waiting for them (the dispatcher's sweep starts it). Safe to run twice.
 */
export async function closeSurvey(m: EntityManager, surveyId: string): Promise<boolean> {
  if (!(await markSurveyClosed(m, surveyId))) return false;
  await query(
    m,
    `update survey_recipients set status = 'closed', finished_at = now(), updated_at = now() where survey_id = $1 and status in ('waiting', 'asking')`,
    [surveyId],
  );
  await failUnsentSurveyMessages(m, surveyId);
  return true;
}
