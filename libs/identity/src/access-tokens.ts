import { randomUUID } from 'node:crypto';
import { StaffPrincipal } from '@porchlight/contracts';
import { jwtVerify, SignJWT } from 'jose';
import { deriveKey } from './secret-box';

const ISSUER = 'porchlight';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who a token was issued to. Role, schools and language are not carried: every request reads them from the user's row. */
export type TokenSubject = Pick<StaffPrincipal, 'userId' | 'tenantId'> & Partial<StaffPrincipal> & { tokenVersion?: number };

/** What a valid token proves: whose it is, which of their token generations, and its own id for logout. */
export interface AccessClaims {
  userId: string;
  tenantId: string;
  /** The user's `token_version` when the token was issued; a token of an older version is dead. */
  tokenVersion: number;
  /** The token's `jti`, denied after logout until `expiresAt`. */
  tokenId: string;
  expiresAt: Date;
}

/**
 * Signed (HS256), expiring access tokens for staff; the tenant travels inside the token. Signed
 * with a key derived from SECRETS_KEY; while a rotation is under way, tokens signed with
 * SECRETS_KEY_PREVIOUS are still accepted until they expire, so nobody is logged out by it.
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly keys: Uint8Array[];

  constructor(
    secretsKey: string,
    private readonly ttlSeconds: number,
    previousSecretsKey?: string,
  ) {
    this.key = new Uint8Array(deriveKey(secretsKey, 'access-tokens'));
    this.keys = [
      this.key,
      ...(previousSecretsKey && previousSecretsKey !== secretsKey ? [new Uint8Array(deriveKey(previousSecretsKey, 'access-tokens'))] : []),
    ];
  }

  issue(subject: TokenSubject): Promise<string> {
    return new SignJWT({ tid: subject.tenantId, ver: subject.tokenVersion ?? 0 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.userId)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${String(this.ttlSeconds)}s`)
      .sign(this.key);
  }

  /** The claims, or undefined for a token that is malformed, forged, expired or of an older shape. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    for (const key of this.keys) {
      const claims = await this.verifyWith(token, key);
      if (claims) return claims;
    }
    return undefined;
  }

  private async verifyWith(token: string, key: Uint8Array): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
      const { sub, tid, ver, jti, exp } = payload;
      if (typeof sub !== 'string' || !UUID.test(sub) || typeof tid !== 'string' || !UUID.test(tid)) return undefined;
      if (typeof ver !== 'number' || !Number.isInteger(ver) || typeof jti !== 'string' || !UUID.test(jti) || typeof exp !== 'number') return undefined;
      return { userId: sub, tenantId: tid, tokenVersion: ver, tokenId: jti, expiresAt: new Date(exp * 1000) };
    } catch {
      return undefined;
    }
  }
}
