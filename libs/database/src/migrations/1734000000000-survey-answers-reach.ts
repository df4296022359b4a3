import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reach report counts a family heard when it answered a survey in the window: an index on the
 * counted answers' phone and time, per district, so the report reads only those.
 */
export class SurveyAnswersReach1734000000000 implements MigrationInterface {
  name = 'SurveyAnswersReach1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index survey_answers_reach on survey_answers (tenant_id, created_at, phone) where counted`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists survey_answers_reach`);
  }
}
