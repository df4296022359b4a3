import { SignJWT } from 'jose';
import { AccessTokens } from './access-tokens';
import { deriveKey } from './secret-box';

const subject = { userId: '6f1c2a52-0c55-4a53-9d38-7f6b8f0e4a11', tenantId: '1b9f3d40-8a2e-4c3b-b1a7-3e5d2c9f8a00', tokenVersion: 3 };
const key = new Uint8Array(deriveKey('k'.repeat(44), 'access-tokens'));
const sign = (claims: Record<string, unknown>, expiresAt: number) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(subject.userId).setIssuer('porchlight').setExpirationTime(expiresAt).sign(key);

describe('AccessTokens', () => {
  it('issues a token that verifies back to its subject, version and a token id of its own', async () => {
    const tokens = new AccessTokens('k'.repeat(44), 60);
    const before = Date.now();
    const first = await tokens.verify(await tokens.issue(subject));
    const second = await tokens.verify(await tokens.issue(subject));
    expect(first).toMatchObject({ userId: subject.userId, tenantId: subject.tenantId, tokenVersion: 3 });
    expect(first!.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.tokenId).not.toBe(first!.tokenId);
    expect(first!.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 60_000);
    expect(first!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('does not carry role, schools or language, which every request reads from the user row', async () => {
    const token = await new AccessTokens('k'.repeat(44), 60).issue({ ...subject, role: 'district_admin', schoolIds: ['s1'], language: 'es' });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'iss', 'jti', 'sub', 'tid', 'ver']);
  });

  it('rejects a token signed with another key', async () => {
    const forged = await new AccessTokens('z'.repeat(44), 60).issue(subject);
    await expect(new AccessTokens('k'.repeat(44), 60).verify(forged)).resolves.toBeUndefined();
  });

  it('rejects an expired token, garbage, and a token of the older shape without version or id', async () => {
    const tokens = new AccessTokens('k'.repeat(44), 60);
    const now = Math.floor(Date.now() / 1000);
    await expect(tokens.verify(await sign({ tid: subject.tenantId, ver: 0, jti: subject.userId }, now - 10))).resolves.toBeUndefined();
    await expect(tokens.verify('not-a-token')).resolves.toBeUndefined();
    await expect(tokens.verify(await sign({ tid: subject.tenantId, role: 'staff' }, now + 60))).resolves.toBeUndefined();
    await expect(tokens.verify(await sign({ tid: 'not-a-uuid', ver: 0, jti: subject.userId }, now + 60))).resolves.toBeUndefined();
    await expect(tokens.verify(await sign({ tid: subject.tenantId, ver: 0, jti: subject.userId }, now + 60))).resolves.toMatchObject({ tokenVersion: 0 });
  });

  it('accepts tokens of the previous key during a rotation, and issues with the new one', async () => {
    const claims = { userId: subject.userId, tenantId: subject.tenantId, tokenVersion: subject.tokenVersion };
    const old = await new AccessTokens('o'.repeat(44), 60).issue(subject);
    const rotating = new AccessTokens('n'.repeat(44), 60, 'o'.repeat(44));
    await expect(rotating.verify(old)).resolves.toMatchObject(claims);
    const fresh = await rotating.issue(subject);
    await expect(new AccessTokens('n'.repeat(44), 60).verify(fresh)).resolves.toMatchObject(claims);
    await expect(new AccessTokens('o'.repeat(44), 60).verify(fresh)).resolves.toBeUndefined();
    // Once the previous key is gone from the environment, its tokens are refused.
    await expect(new AccessTokens('n'.repeat(44), 60).verify(old)).resolves.toBeUndefined();
  });
});
