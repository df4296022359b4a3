import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Template catalog: a notice written from a catalog template keeps the template's key and the
 * variables it was filled with, so each language the audience reads can be rendered from the
 * catalog when the notice is sent.
 */
export class Catalog1732800000000 implements MigrationInterface {
  name = 'Catalog1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table notices add column template_key text, add column template_variables jsonb`);
    await q.query(`alter table notices add constraint notices_template check ((template_key is null) = (template_variables is null))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table notices drop constraint if exists notices_template`);
    await q.query(`alter table notices drop column template_variables, drop column template_key`);
  }
}
