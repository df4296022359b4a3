import * as argon2 from 'argon2';

/** A hash to verify against when the tenant or user is unknown, so timing does not tell which part was wrong. */
export const DUMMY_HASH = argon2.hash('porchlight-dummy-password', { type: argon2.argon2id });

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * Whether `password` matches the stored hash. A stored value that is not an argon2 hash (an
 * account locked by hand with `!`, one imported from elsewhere) matches nothing rather than
 * failing the request; the dummy hash is still verified so timing stays the same.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash || !storedHash.startsWith('$argon2')) {
    await argon2.verify(await DUMMY_HASH, password);
    return false;
  }
  try {
    return await argon2.verify(storedHash, password);
  } catch {
    return false;
  }
}
