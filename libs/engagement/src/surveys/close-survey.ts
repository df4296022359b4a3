import { rows } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/**
 * Closes a survey (staff, or its `closesAt` passing): phones still asked or waiting are `closed`,
 * survey messages not yet handed to the provider are not sent. Their phones are then free for the
 * next survey waiting for them (the dispatcher's sweep starts it). Safe to run twice.
 */
export async function closeSurvey(m: EntityManager, surveyId: string): Promise<boolean> {
  const closed = await rows(
    m,
    `update surveys set status = 'closed', closed_at = now(), status_reason = null, updated_at = now() where id = $1 and status <> 'closed' returning id`,
    [surveyId],
  );
  if (closed.length === 0) return false;
  await m.query(
    `update survey_recipients set status = 'closed', finished_at = now(), updated_at = now() where survey_id = $1 and status in ('waiting', 'asking')`,
    [surveyId],
  );
  await m.query(
    `update messages set status = 'failed', error_message = 'survey closed', updated_at = now()
     where survey_id = $1 and direction = 'outbound' and status in ('pending', 'queued') and provider_sid is null`,
    [surveyId],
  );
  return true;
}
