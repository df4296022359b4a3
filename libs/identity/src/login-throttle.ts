import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ThrottledError } from '@porchlight/contracts';
import { PRODUCER_REDIS, whenReady } from '@porchlight/queue';
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { STAFF_ACCESS_OPTIONS } from './identity.tokens';

/** How one kind of key (an account, a client address) is slowed down after failed sign-ins. */
export interface FailureRule {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** How long failures are remembered, counted from the first one (a success forgets an account's). */
  windowSeconds: number;
  /** The lock after the `freeFailures`-th failure; each further failure doubles it. */
  firstLockSeconds: number;
  maxLockSeconds: number;
}

export interface LoginThrottleLimits {
  account: FailureRule;
  address: FailureRule;
}

export interface LoginThrottleOptions {
  /** Namespace of the Redis keys (`QUEUE_PREFIX`), shared by every API process. */
  redisPrefix: string;
  loginThrottle: LoginThrottleLimits;
}

/** The lock that follows the `failures`-th failure in a row: none before `freeFailures`, then growing. */
export function lockSeconds(rule: FailureRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxLockSeconds, rule.firstLockSeconds * 2 ** Math.min(failures - rule.freeFailures, 30));
}

/** An attempt let through one gate: its number among the failures remembered, and whether it took the gate's slot. */
interface Admission {
  key: string;
  attempt: number;
  gated: boolean;
}

/** An in-flight attempt beyond the free ones holds the gate this long at most (a crashed process releases it). */
const IN_FLIGHT_SECONDS = 10;

/**
 * Failed attempts per key, counted in Redis before the password is checked, so a burst of
 * parallel guesses cannot all slip in before the first lock. The first `freeFailures` attempts
 * pass; each later one must take the key's gate, which a failure locks for a growing time and
 * which only one attempt at a time can hold.
 */
class FailureGate {
  private readonly attempts: RateLimiterRedis;
  private readonly gate: RateLimiterRedis;

  constructor(
    redis: IORedis,
    prefix: string,
    private readonly rule: FailureRule,
  ) {
    this.attempts = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:attempts`, points: 1_000_000_000, duration: rule.windowSeconds });
    this.gate = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:lock`, points: 1, duration: IN_FLIGHT_SECONDS });
  }

  /** The admission, or the seconds to wait. */
  async admit(key: string): Promise<Admission | number> {
    const { consumedPoints: attempt } = await this.attempts.penalty(key, 1);
    if (attempt <= this.rule.freeFailures) return { key, attempt, gated: false };
    try {
      await this.gate.consume(key, 1);
      return { key, attempt, gated: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      await this.attempts.reward(key, 1);
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  }

  /** The attempt failed: it stays counted, and locks the gate when it was one too many (the lock's seconds, or 0). */
  async failed(admission: Admission): Promise<number> {
    const seconds = lockSeconds(this.rule, admission.attempt);
    if (seconds > 0) await this.gate.block(admission.key, seconds);
    return seconds;
  }

  /** The attempt did not fail (refused elsewhere, or succeeded): it no longer counts. */
  async release(admission: Admission): Promise<void> {
    await this.attempts.reward(admission.key, 1);
    if (admission.gated) await this.gate.delete(admission.key);
  }

  /** Forget every failure of the key (a successful sign-in to the account). */
  async reset(key: string): Promise<void> {
    await Promise.all([this.attempts.delete(key), this.gate.delete(key)]);
  }
}

export interface LoginAttempt {
  account: Admission;
  address: Admission;
}

/** Locks imposed by a failure, in seconds (0: none). */
export interface ImposedLocks {
  account: number;
  address: number;
}

const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

/**
 * Sign-in throttling shared by every API process through Redis (keys under `QUEUE_PREFIX`):
 * per account (district and e-mail) and per client address, with growing locks.
 */
@Injectable()
export class LoginThrottle {
  private readonly account: FailureGate;
  private readonly address: FailureGate;

  constructor(
    @Inject(PRODUCER_REDIS) private readonly redis: IORedis,
    @Inject(STAFF_ACCESS_OPTIONS) options: LoginThrottleOptions,
  ) {
    this.account = new FailureGate(redis, `${options.redisPrefix}:login:account`, options.loginThrottle.account);
    this.address = new FailureGate(redis, `${options.redisPrefix}:login:address`, options.loginThrottle.address);
  }

  static accountKey(tenant: string, email: string): string {
    return hashed(`${tenant.toLowerCase()}\n${email.toLowerCase()}`);
  }

  /** A signed-in user's password checks (changing it) count on a key of their own. */
  static userKey(userId: string): string {
    return hashed(`user\n${userId}`);
  }

  /** Lets an attempt through both gates, or throws a `ThrottledError` saying how long to wait. */
  async admit(accountKey: string, address: string): Promise<LoginAttempt> {
    return available(async () => {
      await whenReady(this.redis);
      const byAddress = await this.address.admit(hashed(address));
      if (typeof byAddress === 'number') throw new ThrottledError('too many failed sign-ins from this address; try again later', byAddress);
      const byAccount = await this.account.admit(accountKey);
      if (typeof byAccount === 'number') {
        await this.address.release(byAddress);
        throw new ThrottledError('too many failed sign-ins to this account; try again later', byAccount);
      }
      return { account: byAccount, address: byAddress };
    });
  }

  failed(attempt: LoginAttempt): Promise<ImposedLocks> {
    return available(async () => {
      const [account, address] = await Promise.all([this.account.failed(attempt.account), this.address.failed(attempt.address)]);
      return { account, address };
    });
  }

  /** A successful sign-in: the account's failures are forgotten, the address's attempt no longer counts. */
  succeeded(attempt: LoginAttempt): Promise<void> {
    return available(() => Promise.all([this.account.reset(attempt.account.key), this.address.release(attempt.address)]).then(() => undefined));
  }
}

/** Redis errors become a 503: sign-in is refused rather than let through unthrottled. */
async function available<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('unavailable', 'sign-in is unavailable for a moment; try again');
  }
}
