import { ROLES, Role, StaffPrincipal } from '@porchlight/contracts';
import { jwtVerify, SignJWT } from 'jose';
import { deriveKey } from './secret-box';

const ISSUER = 'porchlight';

/**
 * Signed (HS256), expiring access tokens for staff; the tenant travels inside the token. Signed
 * with a key derived from SECRETS_KEY; while a rotation is under way, tokens signed with
 * SECRETS_KEY_PREVIOUS are still accepted until they expire, so nobody is logged out by it.
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly keys: Uint8Array[];

  constructor(secretsKey: string, private readonly ttlSeconds: number, previousSecretsKey?: string) {
    this.key = new Uint8Array(deriveKey(secretsKey, 'access-tokens'));
    this.keys = [this.key, ...(previousSecretsKey && previousSecretsKey !== secretsKey ? [new Uint8Array(deriveKey(previousSecretsKey, 'access-tokens'))] : [])];
  }

  issue(principal: StaffPrincipal): Promise<string> {
    return new SignJWT({ tid: principal.tenantId, role: principal.role, sch: principal.schoolIds, lng: principal.language })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(principal.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The principal, or undefined for a token that is malformed, forged or expired. */
  async verify(token: string): Promise<StaffPrincipal | undefined> {
    for (const key of this.keys) {
      const principal = await this.verifyWith(token, key);
      if (principal) return principal;
    }
    return undefined;
  }

  private async verifyWith(token: string, key: Uint8Array): Promise<StaffPrincipal | undefined> {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role as Role;
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || !ROLES.includes(role)) return undefined;
      return {
        userId: payload.sub,
        tenantId: payload.tid,
        role,
        schoolIds: Array.isArray(payload.sch) ? (payload.sch as string[]) : [],
        language: typeof payload.lng === 'string' ? payload.lng : 'en',
      };
    } catch {
      return undefined;
    }
  }
}
