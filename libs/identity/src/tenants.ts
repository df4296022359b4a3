import { Injectable } from '@nestjs/common';
import { DomainError, Role, SmsProviderKind } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { TenantEntity, TenantTranslationSettings } from './data/tenant.entity';
import { directoryEntriesByAccount, directoryEntryBySlug, findTenant } from './data/tenants.repository';
import { SecretBox } from './secret-box';
import { SECRET_UNREADABLE_STATUS, SmsSecretUnreadableError, SmsStatus } from './sms-secret';

export interface TenantSms {
  provider: SmsProviderKind;
  accountSid: string;
  authToken: string;
  messagingServiceSid?: string | null;
  fromNumber?: string | null;
  messagesPerSecond?: number | null;
}

export interface TenantSettings {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  country: string;
  defaultLanguage: string;
  languages: string[];
  quietHours: { start: string; end: string };
  helpText: string | null;
  /** A phone, e-mail or web address where families reach a person; named in HELP replies. */
  helpContact: string | null;
  /** `status`: whether the auth token can be read, i.e. whether messages can go out at all. */
  sms: Omit<TenantSms, 'authToken'> & SmsStatus;
  /** `apiKeySet`: whether an API key is saved (the key itself is write-only). */
  translation: TenantTranslationSettings & { apiKeySet: boolean };
  /** How long message texts are kept: `messageBodyDays` null keeps them for as long as the district exists. */
  retention: { messageBodyDays: number | null };
  createdAt: string;
}

const hhmm = (time: string) => time.slice(0, 5);

export function toSettings(row: TenantEntity, smsStatus: SmsStatus): TenantSettings {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    country: row.country,
    defaultLanguage: row.defaultLanguage,
    languages: row.languages,
    quietHours: { start: hhmm(row.quietHoursStart), end: hhmm(row.quietHoursEnd) },
    helpText: row.helpText,
    helpContact: row.helpContact,
    sms: {
      provider: row.smsProvider,
      accountSid: row.smsAccountSid,
      messagingServiceSid: row.smsMessagingServiceSid,
      fromNumber: row.smsFromNumber,
      messagesPerSecond: row.smsMessagesPerSecond,
      ...smsStatus,
    },
    translation: { ...row.translation, apiKeySet: row.translationSecretEnc !== null },
    retention: { messageBodyDays: row.retentionMessageBodyDays },
    createdAt: row.createdAt.toISOString(),
  };
}

/** Reads and writes the tenant row of the current transaction; secrets are sealed on the way in. */
@Injectable()
export class TenantRepository {
  constructor(private readonly secrets: SecretBox) {}

  async settings(m: EntityManager, tenantId: string): Promise<TenantSettings> {
    const row = await this.row(m, tenantId);
    return toSettings(row, this.unreadableSmsSecret(row) ? SECRET_UNREADABLE_STATUS : { status: 'ok', statusMessage: null });
  }

  /** Why the tenant's SMS auth token cannot be read, if it cannot (for the reconciler's report). */
  async smsSecretProblem(m: EntityManager, tenantId: string): Promise<SmsSecretUnreadableError | undefined> {
    return this.unreadableSmsSecret(await this.row(m, tenantId));
  }

  /** The tenant's SMS credentials with the token opened: for delivery and webhook checks only. */
  async smsCredentials(m: EntityManager, tenantId: string): Promise<TenantSms & { name: string; helpText: string | null }> {
    const row = await this.row(m, tenantId);
    return {
      name: row.name,
      helpText: row.helpText,
      provider: row.smsProvider,
      accountSid: row.smsAccountSid,
      authToken: this.openSmsToken(row),
      messagingServiceSid: row.smsMessagingServiceSid,
      fromNumber: row.smsFromNumber,
      messagesPerSecond: row.smsMessagesPerSecond,
    };
  }

  sealToken(token: string): string {
    return this.secrets.seal(token);
  }

  private async row(m: EntityManager, tenantId: string): Promise<TenantEntity> {
    const row = await findTenant(m, tenantId);
    if (!row) throw DomainError.notFound('tenant');
    return row;
  }

  private openSmsToken(row: TenantEntity): string {
    try {
      return this.secrets.open(row.smsAuthTokenEnc);
    } catch {
      throw new SmsSecretUnreadableError(row.id, row.slug);
    }
  }

  private unreadableSmsSecret(row: TenantEntity): SmsSecretUnreadableError | undefined {
    try {
      this.secrets.open(row.smsAuthTokenEnc);
      return undefined;
    } catch {
      return new SmsSecretUnreadableError(row.id, row.slug);
    }
  }
}

/** The tenant directory: the only lookups made before a tenant is known. */
@Injectable()
export class TenantDirectory {
  constructor(private readonly db: TenantDb) {}

  async bySlug(slug: string): Promise<string | undefined> {
    return (await directoryEntryBySlug(this.db.dataSource.manager, slug))?.tenantId;
  }

  /**
   * Tenants that may own a webhook from `accountSid` to `to`: an exact number match first, then
   * every tenant on that account (several districts can share one Twilio account).
   */
  async byAccount(accountSid: string, to?: string): Promise<string[]> {
    const entries = await directoryEntriesByAccount(this.db.dataSource.manager, accountSid);
    const exact = entries.filter((entry) => to !== undefined && entry.smsFromNumber === to);
    return (exact.length > 0 ? exact : entries).map((entry) => entry.tenantId);
  }
}

export const ROLE_RANK: Record<Role, number> = { district_admin: 3, school_admin: 2, liaison: 1, staff: 1 };
