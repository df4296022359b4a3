import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { OutboundGuard } from '@porchlight/outbound';
import { EntityManager } from 'typeorm';
import { audit } from './audit';
import { TenantTranslationSettings } from './data/tenant.entity';
import { TenantChanges, updateTenant } from './data/tenants.repository';
import { IDENTITY_OUTBOUND_GUARD } from './identity.tokens';
import { TenantRepository, TenantSettings } from './tenants';

export interface UpdateSettingsCommand {
  name?: string;
  timezone?: string;
  country?: string;
  defaultLanguage?: string;
  languages?: string[];
  quietHours?: { start: string; end: string };
  helpText?: string | null;
  helpContact?: string | null;
  sms?: {
    provider?: 'twilio' | 'sandbox';
    accountSid?: string;
    authToken?: string;
    messagingServiceSid?: string | null;
    fromNumber?: string | null;
    messagesPerSecond?: number | null;
  };
  translation?: {
    provider?: string;
    url?: string;
    /** null clears it. */
    apiKey?: string | null;
    region?: string;
    untranslatedPolicy?: 'hold' | 'send_source';
    requireReviewFor?: string[];
  };
  /** Message texts older than `messageBodyDays` are removed by the daily retention job; null keeps them. */
  retention?: { messageBodyDays?: number | null };
}

/** The shortest retention a district may choose: delivery retries and reply translations are long over by then. */
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 36500;

/** The translation settings asked for, the secret left out (it is sealed into its own column). */
function withoutApiKey<T extends { apiKey?: unknown }>(translation: T): Omit<T, 'apiKey'> {
  return Object.fromEntries(Object.entries(translation).filter(([key]) => key !== 'apiKey')) as Omit<T, 'apiKey'>;
}

/** The settings as `field.subfield` → value, for telling what a change changed. */
function flatten(settings: TenantSettings): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const key of [
    'name',
    'timezone',
    'country',
    'defaultLanguage',
    'languages',
    'quietHours',
    'helpText',
    'helpContact',
    'sms',
    'translation',
    'retention',
  ] as const) {
    const value = settings[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // Whether a key is saved is audited as `settings.secret_changed`.
      for (const [sub, inner] of Object.entries(value)) if (`${key}.${sub}` !== 'translation.apiKeySet') fields.set(`${key}.${sub}`, inner);
    } else {
      fields.set(key, value);
    }
  }
  return fields;
}

/**
 * Audits a settings change: `settings.updated` with the fields whose value changed, before and
 * after (secrets are never part of the settings view), and one `settings.secret_changed` per
 * secret written, naming it without its value.
 */
async function auditChange(
  m: EntityManager,
  actor: StaffPrincipal,
  before: TenantSettings,
  after: TenantSettings,
  secrets: Array<{ secret: string; cleared: boolean }>,
) {
  const old = flatten(before);
  const now = flatten(after);
  const changed = [...new Set([...old.keys(), ...now.keys()])].filter((field) => JSON.stringify(old.get(field)) !== JSON.stringify(now.get(field))).sort();
  const entry = { actorUserId: actor.userId, subjectType: 'tenant', subjectId: actor.tenantId };
  if (changed.length > 0) {
    const pick = (fields: Map<string, unknown>) => Object.fromEntries(changed.map((field) => [field, fields.get(field) ?? null]));
    await audit(m, actor.tenantId, { ...entry, action: 'settings.updated', data: { changed, before: pick(old), after: pick(now) } });
  }
  for (const secret of secrets) await audit(m, actor.tenantId, { ...entry, action: 'settings.secret_changed', data: secret });
}

@Injectable()
export class SettingsUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantRepository,
    /** Where a district's translation URL may lead (`PROVIDER_HOST_ALLOWLIST`); public https only by default. */
    @Optional() @Inject(IDENTITY_OUTBOUND_GUARD) private readonly guard: OutboundGuard = new OutboundGuard(),
  ) {}

  get(actor: StaffPrincipal): Promise<TenantSettings> {
    return this.db.tx((m) => this.tenants.settings(m, actor.tenantId));
  }

  async update(actor: StaffPrincipal, command: UpdateSettingsCommand): Promise<TenantSettings> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can change settings');
    // Before the transaction: resolving the host may take a moment.
    const url = command.translation?.url;
    const refused = url === undefined ? null : await this.guard.refusalOf(url);
    if (refused !== null) throw new DomainError('invalid', 'validation failed', [{ field: 'translation.url', message: `translation.url ${refused}` }]);
    return this.db.tx(async (m) => {
      const current = await this.tenants.settings(m, actor.tenantId);
      const changes: TenantChanges = {};
      if (command.name !== undefined) changes.name = command.name;
      if (command.timezone !== undefined) changes.timezone = command.timezone;
      if (command.country !== undefined) changes.country = command.country.toUpperCase();
      const defaultLanguage = command.defaultLanguage ?? current.defaultLanguage;
      if (command.defaultLanguage !== undefined) changes.defaultLanguage = command.defaultLanguage;
      if (command.languages !== undefined || command.defaultLanguage !== undefined) {
        changes.languages = [...new Set([defaultLanguage, ...(command.languages ?? current.languages)])];
      }
      if (command.quietHours) {
        changes.quietHoursStart = command.quietHours.start;
        changes.quietHoursEnd = command.quietHours.end;
      }
      if (command.helpText !== undefined) changes.helpText = command.helpText;
      if (command.helpContact !== undefined) changes.helpContact = command.helpContact;
      const sms = command.sms;
      if (sms?.provider !== undefined) changes.smsProvider = sms.provider;
      if (sms?.accountSid !== undefined) changes.smsAccountSid = sms.accountSid;
      if (sms?.authToken !== undefined) changes.smsAuthTokenEnc = this.tenants.sealToken(sms.authToken);
      if (sms?.messagingServiceSid !== undefined) changes.smsMessagingServiceSid = sms.messagingServiceSid;
      if (sms?.fromNumber !== undefined) changes.smsFromNumber = sms.fromNumber;
      if (sms?.messagesPerSecond !== undefined) changes.smsMessagesPerSecond = sms.messagesPerSecond;
      const apiKey = command.translation?.apiKey;
      if (command.translation) {
        // `apiKeySet` is read from the sealed column, never stored in the settings.
        const stored = Object.fromEntries(Object.entries(current.translation).filter(([key]) => key !== 'apiKeySet')) as TenantTranslationSettings;
        changes.translation = { ...stored, ...withoutApiKey(command.translation) };
        if (apiKey !== undefined) changes.translationSecretEnc = apiKey === null ? null : this.tenants.sealToken(apiKey);
      }
      const days = command.retention?.messageBodyDays;
      if (days !== undefined) {
        if (days !== null && !(Number.isInteger(days) && days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS)) {
          throw new DomainError('invalid', 'validation failed', [
            {
              field: 'retention.messageBodyDays',
              message: `messageBodyDays must be a whole number of days from ${String(MIN_RETENTION_DAYS)} to ${String(MAX_RETENTION_DAYS)}, or null`,
            },
          ]);
        }
        changes.retentionMessageBodyDays = days;
      }
      if (Object.keys(changes).length === 0) return current;
      changes.updatedAt = new Date();
      await updateTenant(m, actor.tenantId, changes);
      const updated = await this.tenants.settings(m, actor.tenantId);
      const secrets = [
        ...(sms?.authToken !== undefined ? [{ secret: 'sms.authToken', cleared: false }] : []),
        ...(apiKey !== undefined ? [{ secret: 'translation.apiKey', cleared: apiKey === null }] : []),
      ];
      await auditChange(m, actor, current, updated, secrets);
      return updated;
    });
  }
}
