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
});
