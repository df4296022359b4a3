import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An emergency is never held for a missing translation: the family gets the catalog's "Urgent
 * message from <district>:" in its language before the source text. The translation row stores
 * that text (origin `catalog`) and says so.
 */
export class EmergencyFallback1733500000001 implements MigrationInterface {
  name = 'EmergencyFallback1733500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table notice_translations add column fallback boolean not null default false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notice_translations drop column fallback`);
  }
}
