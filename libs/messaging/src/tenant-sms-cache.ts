import { TenantDb } from '@porchlight/database';
import { TenantRepository, TenantSms } from '@porchlight/identity';

type Credentials = TenantSms & { name: string; helpText: string | null };

/** Tenants' SMS settings, read once per tenant per `ttlMs` instead of once per message. */
export class TenantSmsCache {
  private readonly entries = new Map<string, { at: number; value: Promise<Credentials> }>();

  constructor(private readonly db: TenantDb, private readonly tenants: TenantRepository, private readonly ttlMs = 30_000) {}

  get(tenantId: string): Promise<Credentials> {
    const hit = this.entries.get(tenantId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.db.txFor(tenantId, (m) => this.tenants.smsCredentials(m, tenantId));
    value.catch(() => this.entries.delete(tenantId));
    this.entries.set(tenantId, { at: Date.now(), value });
    return value;
  }
}
