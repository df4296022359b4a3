import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { OutboundGuard } from '@porchlight/outbound';
import { EntityManager } from 'typeorm';
import { audit } from './audit';
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
    apiKey?: string;
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

/** The settings as `field.subfield` → value, for telling what a change changed. */
function flatten(settings: TenantSettings): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const key of ['name', 'timezone', 'country', 'defaultLanguage', 'languages', 'quietHours', 'helpText', 'helpContact', 'sms', 'translation', 'retention'] as const) {
    const value = settings[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, inner] of Object.entries(value)) fields.set(`${key}.${sub}`, inner);
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
async function auditChange(m: EntityManager, actor: StaffPrincipal, before: TenantSettings, after: TenantSettings, secrets: Array<{ secret: string; cleared: boolean }>) {
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

export class SettingsUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantRepository,
    /** Where a district's translation URL may lead (`PROVIDER_HOST_ALLOWLIST`); public https only by default. */
    private readonly guard: OutboundGuard = new OutboundGuard(),
  ) {}

  get(actor: StaffPrincipal): Promise<TenantSettings> {
    return this.db.tx((m) => this.tenants.settings(m, actor.tenantId));
  }

  async update(actor: StaffPrincipal, command: UpdateSettingsCommand): Promise<TenantSettings> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can change settings');
    // Before the transaction: resolving the host may take a moment.
    const url = command.translation?.url;
    const refused = url === undefined ? null : await this.guard.refusalOf(url);
    if (refused) throw new DomainError('invalid', 'validation failed', [{ field: 'translation.url', message: `translation.url ${refused}` }]);
    return this.db.tx(async (m) => {
      const current = await this.tenants.settings(m, actor.tenantId);
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (command.name !== undefined) set('name', command.name);
      if (command.timezone !== undefined) set('timezone', command.timezone);
      if (command.country !== undefined) set('country', command.country.toUpperCase());
      const defaultLanguage = command.defaultLanguage ?? current.defaultLanguage;
      if (command.defaultLanguage !== undefined) set('default_language', command.defaultLanguage);
      if (command.languages !== undefined || command.defaultLanguage !== undefined) {
        set('languages', [...new Set([defaultLanguage, ...(command.languages ?? current.languages)])]);
      }
      if (command.quietHours) {
        set('quiet_hours_start', command.quietHours.start);
        set('quiet_hours_end', command.quietHours.end);
      }
      if (command.helpText !== undefined) set('help_text', command.helpText);
      if (command.helpContact !== undefined) set('help_contact', command.helpContact);
      const sms = command.sms;
      if (sms?.provider !== undefined) set('sms_provider', sms.provider);
      if (sms?.accountSid !== undefined) set('sms_account_sid', sms.accountSid);
      if (sms?.authToken !== undefined) set('sms_auth_token_enc', this.tenants.sealToken(sms.authToken));
      if (sms?.messagingServiceSid !== undefined) set('sms_messaging_service_sid', sms.messagingServiceSid);
      if (sms?.fromNumber !== undefined) set('sms_from_number', sms.fromNumber);
      if (sms?.messagesPerSecond !== undefined) set('sms_messages_per_second', sms.messagesPerSecond);
      if (command.translation) {
        const { apiKey, ...rest } = command.translation;
        set('translation', JSON.stringify({ ...current.translation, ...rest }));
        if (apiKey !== undefined) set('translation_secret_enc', apiKey === null ? null : this.tenants.sealToken(String(apiKey)));
      }
      const days = command.retention?.messageBodyDays;
      if (days !== undefined) {
        if (days !== null && !(Number.isInteger(days) && days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS)) {
          throw new DomainError('invalid', 'validation failed', [
            { field: 'retention.messageBodyDays', message: `messageBodyDays must be a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}, or null` },
          ]);
        }
        set('retention_message_body_days', days);
      }
      if (sets.length === 0) return current;
      set('updated_at', new Date());
      params.push(actor.tenantId);
      await m.query(`update tenants set ${sets.join(', ')} where id = $${params.length}`, params);
      const updated = await this.tenants.settings(m, actor.tenantId);
      const secrets = [
        ...(sms?.authToken !== undefined ? [{ secret: 'sms.authToken', cleared: false }] : []),
        ...(command.translation?.apiKey !== undefined ? [{ secret: 'translation.apiKey', cleared: command.translation?.apiKey === null }] : []),
      ];
      await auditChange(m, actor, current, updated, secrets);
      return updated;
    });
  }
}
