import { Injectable } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { SmsSecretUnreadableError, TenantRepository, TenantSms } from '@porchlight/identity';
import { RetryLaterError } from '@porchlight/queue';

/** How long a district's SMS credentials are kept before they are read again. */
const CREDENTIALS_TTL_MS = 30_000;

type Credentials = TenantSms & { name: string; helpText: string | null };

/** How long a message of a district whose secret cannot be read waits before it tries again. */
export const SECRET_UNREADABLE_RETRY_MS = 30_000;

/**
 * Tenants' SMS settings, read once per tenant per `CREDENTIALS_TTL_MS` instead of once per
 * message. A secret that cannot be read is remembered as long: a broadcast of thousands does not
 * try it thousands of times.
 */
@Injectable()
export class TenantSmsCache {
  private readonly entries = new Map<string, { at: number; value: Promise<Credentials> }>();

  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantRepository,
  ) {}

  get(tenantId: string): Promise<Credentials> {
    const hit = this.entries.get(tenantId);
    if (hit && Date.now() - hit.at < CREDENTIALS_TTL_MS) return hit.value;
    const value = this.db.txFor(tenantId, (m) => this.tenants.smsCredentials(m, tenantId));
    value.catch((error: unknown) => {
      if (!(error instanceof SmsSecretUnreadableError)) this.entries.delete(tenantId);
    });
    this.entries.set(tenantId, { at: Date.now(), value });
    return value;
  }

  /**
   * The credentials to send with; when the district's secret cannot be read, the job waits
   * (`RetryLaterError`: delayed, no attempt spent, the message still `queued`) rather than fail,
   * until an admin enters the token again or the operator restores the key. The dispatcher's
   * reconciler reports such a district once per sweep, so nothing is logged per message.
   */
  async forSending(tenantId: string): Promise<Credentials> {
    try {
      return await this.get(tenantId);
    } catch (error: unknown) {
      if (!(error instanceof SmsSecretUnreadableError)) throw error;
      throw new RetryLaterError(SECRET_UNREADABLE_RETRY_MS + Math.floor(Math.random() * 5_000), error.message);
    }
  }
}
