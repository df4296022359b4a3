import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `surveys.prepared_at`: when a sent survey's texts were found ready and its fan-out job was asked
 * for. A survey still `translating` with it set waits only for its fan-out job; without it, for its
 * preparation. The dispatcher's survey sweep reads it to re-add whichever job Redis lost.
 */
export class SurveyPreparedAt1734500000000 implements MigrationInterface {
  name = 'SurveyPreparedAt1734500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table surveys add column if not exists prepared_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table surveys drop column if exists prepared_at`);
  }
}
