import { randomUUID } from 'node:crypto';
import { DomainError, SmsProviderKind } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from './audit';
import { TenantRepository, TenantSettings } from './tenants';
import { hashPassword } from './passwords';

export interface CreateTenantCommand {
  slug: string;
  name: string;
  timezone: string;
  country: string;
  defaultLanguage: string;
  languages?: string[];
  sms: { provider: SmsProviderKind; accountSid: string; authToken: string; messagingServiceSid?: string; fromNumber?: string };
  admin: { email: string; password: string; name?: string };
}

export class CreateTenantUseCase {
  constructor(private readonly db: TenantDb, private readonly tenants: TenantRepository) {}

  async execute(command: CreateTenantCommand): Promise<TenantSettings> {
    const id = randomUUID();
    const languages = [...new Set([command.defaultLanguage, ...(command.languages ?? [])])];
    const passwordHash = await hashPassword(command.admin.password);
    try {
      return await this.db.txFor(id, async (m) => {
        await m.query(
          `insert into tenants (id, slug, name, timezone, country, default_language, languages, sms_provider,
             sms_account_sid, sms_auth_token_enc, sms_messaging_service_sid, sms_from_number)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            id,
            command.slug,
            command.name,
            command.timezone,
            command.country.toUpperCase(),
            command.defaultLanguage,
            languages,
            command.sms.provider,
            command.sms.accountSid,
            this.tenants.sealToken(command.sms.authToken),
            command.sms.messagingServiceSid ?? null,
            command.sms.fromNumber ?? null,
          ],
        );
        const [admin] = await m.query(
          `insert into users (tenant_id, email, password_hash, name, role, language)
           values ($1, $2, $3, $4, 'district_admin', $5) returning id`,
          [id, command.admin.email, passwordHash, command.admin.name ?? null, command.defaultLanguage],
        );
        await audit(m, id, { action: 'tenant.created', subjectType: 'tenant', subjectId: id, data: { slug: command.slug } });
        await audit(m, id, { action: 'user.created', subjectType: 'user', subjectId: admin.id, data: { role: 'district_admin' } });
        return this.tenants.settings(m, id);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DomainError('conflict', `a district with slug "${command.slug}" already exists`);
      throw error;
    }
  }
}
