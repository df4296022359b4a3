import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `surveys.scheduled_at`: a survey sent for later opens (its fan-out runs) at this time on the
 * district's clock, as a notice's `scheduled_at`; null opens it as soon as its texts are ready.
 */
export class SurveyScheduledAt1734400000000 implements MigrationInterface {
  name = 'SurveyScheduledAt1734400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table surveys add column if not exists scheduled_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table surveys drop column if exists scheduled_at`);
  }
}
