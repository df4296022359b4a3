import { randomBytes } from 'node:crypto';

/** The local services the tests use; each can be overridden from the environment. */
export const TEST_ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://porchlight_app:porchlight_app@127.0.0.1:5432/porchlight_test';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The same application role, on another database (one per end-to-end stack). */
export function databaseUrlFor(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');
/** A Twilio-shaped account SID nobody else uses. */
export const randomAccountSid = () => `AC${randomHex(16)}`;
export const randomSecretsKey = () => randomBytes(32).toString('base64');

/**
 * Property-based specs: `FC_SEED` (and `FC_PATH`) replay a failure with the seed (and path) its
 * report printed, and `FC_RUNS` multiplies the (modest) number of runs, for a longer search.
 */
export const PROPERTY_SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
export const PROPERTY_PATH = process.env.FC_PATH || undefined;
export const PROPERTY_RUNS_FACTOR = Math.max(1, Number(process.env.FC_RUNS ?? 1) || 1);
