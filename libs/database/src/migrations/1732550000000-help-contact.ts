import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a family reaches a person (phone, e-mail or web address), named in every HELP reply. */
export class HelpContact1732550000000 implements MigrationInterface {
  name = 'HelpContact1732550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table tenants add column help_contact text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table tenants drop column help_contact`);
  }
}
