import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a message's text was not translated: a family reply no engine could translate for staff,
 * or a staff answer sent as written because nothing could translate it into the family's language.
 */
export class UntranslatedReason1733500000002 implements MigrationInterface {
  name = 'UntranslatedReason1733500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages add column untranslated_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages drop column untranslated_reason`);
  }
}
