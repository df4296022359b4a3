import { Foundation1732300000000 } from './1732300000000-foundation';

/** Every migration, oldest first. */
export const MIGRATIONS = [Foundation1732300000000];
