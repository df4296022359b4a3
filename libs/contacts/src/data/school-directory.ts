import { Injectable } from '@nestjs/common';
import { query } from '@porchlight/database';
import { SchoolDirectory } from '@porchlight/identity';
import { EntityManager } from 'typeorm';

/** Contacts' side of identity's `SchoolDirectory` port: which of a staff member's school ids name a school of the district. */
@Injectable()
export class ContactsSchoolDirectory implements SchoolDirectory {
  async missingSchoolIds(m: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const missing = await query<{ id: string }>(
      m,
      `select given.id from unnest($1::text[]) as given(id) where not exists (select 1 from schools where schools.id = given.id::uuid)`,
      [ids],
    );
    return missing.map((row) => row.id);
  }
}
