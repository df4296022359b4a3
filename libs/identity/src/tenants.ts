import { DomainError, Role, SmsProviderKind } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
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
  translation: { provider: string; untranslatedPolicy: 'hold' | 'send_source'; [key: string]: unknown };
  /** How long message texts are kept: `messageBodyDays` null keeps them for as long as the district exists. */
  retention: { messageBodyDays: number | null };
  createdAt: string;
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  country: string;
  default_language: string;
  languages: string[];
  quiet_hours_start: string;
  quiet_hours_end: string;
  help_text: string | null;
  help_contact: string | null;
  sms_provider: SmsProviderKind;
  sms_account_sid: string;
  sms_auth_token_enc: string;
  sms_messaging_service_sid: string | null;
  sms_from_number: string | null;
  sms_messages_per_second: number | null;
  translation: TenantSettings['translation'];
  retention_message_body_days: number | null;
  created_at: Date;
}

const hhmm = (time: string) => time.slice(0, 5);

export function toSettings(row: TenantRow, smsStatus: SmsStatus): TenantSettings {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    country: row.country,
    defaultLanguage: row.default_language,
    languages: row.languages,
    quietHours: { start: hhmm(row.quiet_hours_start), end: hhmm(row.quiet_hours_end) },
    helpText: row.help_text,
    helpContact: row.help_contact,
    sms: {
      provider: row.sms_provider,
      accountSid: row.sms_account_sid,
      messagingServiceSid: row.sms_messaging_service_sid,
      fromNumber: row.sms_from_number,
      messagesPerSecond: row.sms_messages_per_second,
      ...smsStatus,
    },
    translation: row.translation,
    retention: { messageBodyDays: row.retention_message_body_days },
    createdAt: row.created_at.toISOString(),
  };
}

/** Reads and writes the tenant row of the current transaction; secrets are sealed on the way in. */
export class TenantRepository {
  constructor(private readonly secrets: SecretBox) {}

  async settings(m: EntityManager, tenantId: string): Promise<TenantSettings> {
    const [row] = await m.query(`select * from tenants where id = $1`, [tenantId]);
    if (!row) throw DomainError.notFound('tenant');
    return toSettings(row, this.unreadableSmsSecret(row) ? SECRET_UNREADABLE_STATUS : { status: 'ok', statusMessage: null });
  }

  /** Why the tenant's SMS auth token cannot be read, if it cannot (for the reconciler's report). */
  async smsSecretProblem(m: EntityManager, tenantId: string): Promise<SmsSecretUnreadableError | undefined> {
    const [row] = (await m.query(`select * from tenants where id = $1`, [tenantId])) as TenantRow[];
    if (!row) throw DomainError.notFound('tenant');
    return this.unreadableSmsSecret(row);
  }

  /** The tenant's SMS credentials with the token opened: for delivery and webhook checks only. */
  async smsCredentials(m: EntityManager, tenantId: string): Promise<TenantSms & { name: string; helpText: string | null }> {
    const [row] = (await m.query(`select * from tenants where id = $1`, [tenantId])) as TenantRow[];
    if (!row) throw DomainError.notFound('tenant');
    return {
      name: row.name,
      helpText: row.help_text,
      provider: row.sms_provider,
      accountSid: row.sms_account_sid,
      authToken: this.openSmsToken(row),
      messagingServiceSid: row.sms_messaging_service_sid,
      fromNumber: row.sms_from_number,
      messagesPerSecond: row.sms_messages_per_second,
    };
  }

  sealToken(token: string): string {
    return this.secrets.seal(token);
  }

  private openSmsToken(row: TenantRow): string {
    try {
      return this.secrets.open(row.sms_auth_token_enc);
    } catch {
      throw new SmsSecretUnreadableError(row.id, row.slug);
    }
  }

  private unreadableSmsSecret(row: TenantRow): SmsSecretUnreadableError | undefined {
    try {
      this.secrets.open(row.sms_auth_token_enc);
      return undefined;
    } catch {
      return new SmsSecretUnreadableError(row.id, row.slug);
    }
  }
}

/** The tenant directory: the only lookups made before a tenant is known. */
export class TenantDirectory {
  constructor(private readonly db: TenantDb) {}

  async bySlug(slug: string): Promise<string | undefined> {
    const [row] = await this.db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory where slug = $1`, [slug]);
    return row?.tenant_id;
  }

  /**
   * Tenants that may own a webhook from `accountSid` to `to`: an exact number match first, then
   * every tenant on that account (several districts can share one Twilio account).
   */
  async byAccount(accountSid: string, to?: string): Promise<string[]> {
    const rows = await this.db.unscoped<{ tenant_id: string; sms_from_number: string | null }>(
      `select tenant_id, sms_from_number from tenant_directory where sms_account_sid = $1`,
      [accountSid],
    );
    const exact = rows.filter((row) => to !== undefined && row.sms_from_number === to);
    return (exact.length > 0 ? exact : rows).map((row) => row.tenant_id);
  }
}

export const ROLE_RANK: Record<Role, number> = { district_admin: 3, school_admin: 2, liaison: 1, staff: 1 };
