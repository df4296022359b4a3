import { Inject, Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal, ThrottledError } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { PRODUCER_REDIS, whenReady } from '@porchlight/queue';
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AccessClaims, AccessTokens } from './access-tokens';
import { audit } from './audit';
import { sessionUser } from './data/users.repository';
import { STAFF_ACCESS_OPTIONS } from './identity.tokens';

/** An authenticated request: the principal built from the user's current row, and the token's claims. */
export interface StaffSession {
  principal: StaffPrincipal;
  claims: AccessClaims;
}

export interface SessionOptions {
  /** Redis key prefix (`QUEUE_PREFIX`), shared by every API process. */
  redisPrefix: string;
  /** Calls one token may make per minute before answering 429. */
  callsPerMinute: number;
}

/**
 * Checks every request against the user's current state: one primary-key read of the user row
 * under the token's tenant, and in parallel one Redis round trip for the logout deny-list and one
 * for the token's call budget. Nothing is cached, so a change made through the API (a role,
 * schools, deactivation, a new password) holds from the next request in every API process.
 */
@Injectable()
export class StaffSessions {
  private readonly calls: RateLimiterRedis;

  constructor(
    private readonly db: TenantDb,
    private readonly tokens: AccessTokens,
    @Inject(PRODUCER_REDIS) private readonly redis: IORedis,
    @Inject(STAFF_ACCESS_OPTIONS) private readonly options: SessionOptions,
  ) {
    this.calls = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${options.redisPrefix}:calls`, points: options.callsPerMinute, duration: 60 });
  }

  /** The session, or undefined for a token that is invalid, logged out, outdated, or whose user is gone or deactivated. */
  async authenticate(token: string): Promise<StaffSession | undefined> {
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    const [revoked, user, overBudget] = await Promise.all([
      this.redisOrUnavailable(() => this.redis.exists(this.revokedKey(claims.tokenId))),
      sessionUser(this.db, claims.tenantId, claims.userId),
      this.redisOrUnavailable(() => this.countCall(claims.tokenId)),
    ]);
    if (revoked > 0 || !user || !user.active || user.token_version !== claims.tokenVersion) return undefined;
    if (overBudget !== undefined) throw new ThrottledError(`at most ${String(this.options.callsPerMinute)} calls a minute per token`, overBudget);
    return {
      principal: { userId: claims.userId, tenantId: claims.tenantId, role: user.role, schoolIds: user.school_ids, language: user.language },
      claims,
    };
  }

  /** This token stops working at once in every API process; the user's other tokens keep working. */
  async logout(session: StaffSession): Promise<void> {
    const { claims } = session;
    if (claims.expiresAt.getTime() > Date.now()) {
      await this.redisOrUnavailable(() => this.redis.set(this.revokedKey(claims.tokenId), '1', 'PXAT', claims.expiresAt.getTime()));
    }
    await this.db.txFor(claims.tenantId, (m) =>
      audit(m, claims.tenantId, { actorUserId: claims.userId, action: 'auth.logout', subjectType: 'user', subjectId: claims.userId }),
    );
  }

  private revokedKey(tokenId: string): string {
    return `${this.options.redisPrefix}:revoked-token:${tokenId}`;
  }

  /** Undefined within the budget, else the seconds until the token may call again. */
  private async countCall(tokenId: string): Promise<number | undefined> {
    try {
      await this.calls.consume(tokenId, 1);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  /** Without Redis a logout cannot be checked: refuse (503) rather than let a revoked token through. */
  private async redisOrUnavailable<T>(work: () => Promise<T>): Promise<T> {
    try {
      await whenReady(this.redis);
      return await work();
    } catch {
      throw new DomainError('unavailable', 'the service is unavailable for a moment; try again');
    }
  }
}
