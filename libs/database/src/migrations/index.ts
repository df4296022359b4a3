import { Foundation1732300000000 } from './1732300000000-foundation';
import { Roster1732600000000 } from './1732600000000-roster';

/** Every migration, oldest first. */
export const MIGRATIONS = [Foundation1732300000000, Roster1732600000000];
