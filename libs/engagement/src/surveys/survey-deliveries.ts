import { Injectable } from '@nestjs/common';
import { query } from '@porchlight/database';
import { DeliveredSurveyMessage, SurveyDeliveries } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';

/**
 * Marks survey recipients delivered as status callbacks say their messages arrived (what results
 * count as `delivered`), one statement per batch of callbacks. Rows are locked in id order and a
 * recipient already marked is left alone, so concurrent batches neither wait on each other for
 * nothing nor deadlock.
 */
@Injectable()
export class SurveyDeliveredFlags implements SurveyDeliveries {
  async delivered(m: EntityManager, messages: readonly DeliveredSurveyMessage[]): Promise<void> {
    await query(
      m,
      `with marked as (
         select r.id from survey_recipients r join unnest($1::uuid[], $2::text[]) as v(survey_id, phone) on r.survey_id = v.survey_id and r.phone = v.phone
         where not r.delivered order by r.id for update of r
       )
       update survey_recipients r set delivered = true from marked where r.id = marked.id`,
      [messages.map((d) => d.surveyId), messages.map((d) => d.phone)],
    );
  }
}
