import { SignJWT } from 'jose';
import { AccessTokens } from './access-tokens';
import { deriveKey } from './secret-box';

const principal = { userId: 'u1', tenantId: 't1', role: 'staff' as const, schoolIds: ['s1'], language: 'es' };

describe('AccessTokens', () => {
  it('issues a token that verifies back to the principal', async () => {
    const tokens = new AccessTokens('k'.repeat(44), 60);
    await expect(tokens.verify(await tokens.issue(principal))).resolves.toEqual(principal);
  });

  it('rejects a token signed with another key', async () => {
    const forged = await new AccessTokens('z'.repeat(44), 60).issue(principal);
    await expect(new AccessTokens('k'.repeat(44), 60).verify(forged)).resolves.toBeUndefined();
  });

  it('rejects an expired token', async () => {
    const key = new Uint8Array(deriveKey('k'.repeat(44), 'access-tokens'));
    const tokens = new AccessTokens('k'.repeat(44), 60);
    const expired = await new SignJWT({ tid: 't1', role: 'staff' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('porchlight')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(key);
    await expect(tokens.verify(expired)).resolves.toBeUndefined();
    await expect(tokens.verify('not-a-token')).resolves.toBeUndefined();
  });

  it('accepts tokens of the previous key during a rotation, and issues with the new one', async () => {
    const old = await new AccessTokens('o'.repeat(44), 60).issue(principal);
    const rotating = new AccessTokens('n'.repeat(44), 60, 'o'.repeat(44));
    await expect(rotating.verify(old)).resolves.toEqual(principal);
    const fresh = await rotating.issue(principal);
    await expect(new AccessTokens('n'.repeat(44), 60).verify(fresh)).resolves.toEqual(principal);
    await expect(new AccessTokens('o'.repeat(44), 60).verify(fresh)).resolves.toBeUndefined();
    // Once the previous key is gone from the environment, its tokens are refused.
    await expect(new AccessTokens('n'.repeat(44), 60).verify(old)).resolves.toBeUndefined();
  });
});
