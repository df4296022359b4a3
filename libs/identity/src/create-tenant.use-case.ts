import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, SmsProviderKind } from '@porchlight/contracts';
import { isUniqueViolation, TenantDb } from '@porchlight/database';
import { audit } from './audit';
import { insertTenant } from './data/tenants.repository';
import { insertUser } from './data/users.repository';
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

@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantRepository,
  ) {}

  async execute(command: CreateTenantCommand): Promise<TenantSettings> {
    const id = randomUUID();
    const languages = [...new Set([command.defaultLanguage, ...(command.languages ?? [])])];
    const passwordHash = await hashPassword(command.admin.password);
    try {
      return await this.db.txFor(id, async (m) => {
        await insertTenant(m, {
          id,
          slug: command.slug,
          name: command.name,
          timezone: command.timezone,
          country: command.country.toUpperCase(),
          defaultLanguage: command.defaultLanguage,
          languages,
          smsProvider: command.sms.provider,
          smsAccountSid: command.sms.accountSid,
          smsAuthTokenEnc: this.tenants.sealToken(command.sms.authToken),
          smsMessagingServiceSid: command.sms.messagingServiceSid ?? null,
          smsFromNumber: command.sms.fromNumber ?? null,
        });
        const admin = await insertUser(m, {
          tenantId: id,
          email: command.admin.email,
          passwordHash,
          name: command.admin.name ?? null,
          role: 'district_admin',
          language: command.defaultLanguage,
        });
        await audit(m, id, { action: 'tenant.created', subjectType: 'tenant', subjectId: id, data: { slug: command.slug } });
        await audit(m, id, { action: 'user.created', subjectType: 'user', subjectId: admin.id, data: { role: 'district_admin' } });
        return this.tenants.settings(m, id);
      });
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `a district with slug "${command.slug}" already exists`);
      throw error;
    }
  }
}
