import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a contact's phone came from. A number staff corrected by hand must survive the next
 * nightly roster import, as a language the family or staff chose already does.
 */
export class PhoneSource1732900000000 implements MigrationInterface {
  name = 'PhoneSource1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table contacts add column phone_source text not null default 'roster' check (phone_source in ('roster', 'staff'))`);
    // Contacts entered by hand (no roster id) got their phone from staff.
    await q.query(`update contacts set phone_source = 'staff' where source_id is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table contacts drop column phone_source`);
  }
}
