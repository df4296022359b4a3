import { EntityManager } from 'typeorm';

/**
 * The schools a staff member may be given, as contacts (which owns `schools` and ranks above
 * identity) knows them: identity declares what it needs, contacts implements it, and the app
 * binds the two through `IdentityModule.forRoot({ staff: { schools } })`.
 */
export abstract class SchoolDirectory {
  /** The ids among `ids` that name no school of the transaction's tenant (none: all exist). */
  abstract missingSchoolIds(m: EntityManager, ids: readonly string[]): Promise<string[]>;
}
