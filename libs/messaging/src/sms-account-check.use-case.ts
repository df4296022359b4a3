import { Inject, Injectable } from '@nestjs/common';
import { DomainError, SmsProviderKind, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { SmsSecretUnreadableError, TenantRepository } from '@porchlight/identity';
import { checkTwilioAccount, SmsAccountCheck } from '@porchlight/sms';
import { SMS_PROVIDER_OPTIONS, SmsProviderOptions } from './messaging.tokens';

/** What a district admin tries: the saved SMS account, or unsaved fields over it. */
export interface SmsAccountTrial {
  provider?: SmsProviderKind;
  accountSid?: string;
  authToken?: string;
}

export type SmsAccountTrialResult = Omit<SmsAccountCheck, 'errorCode'> & {
  provider: SmsProviderKind;
  accountSid: string;
  errorCode?: SmsAccountCheck['errorCode'] | 'incomplete' | 'secret_unreadable';
};

/**
 * "Test it" for a district's SMS account: the provider's account resource fetched with the SID
 * and token (typed, or saved), through the same SDK delivery uses — the sandbox's URL for provider
 * `sandbox`. Nothing is sent. The saved token is tried only with the saved Account SID.
 */
@Injectable()
export class SmsAccountCheckUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantRepository,
    @Inject(SMS_PROVIDER_OPTIONS) private readonly options: SmsProviderOptions,
  ) {}

  async test(actor: StaffPrincipal, trial: SmsAccountTrial): Promise<SmsAccountTrialResult> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can test the SMS account');
    const saved = (await this.db.tx((m) => this.tenants.settings(m, actor.tenantId))).sms;
    const provider = trial.provider ?? saved.provider;
    const accountSid = trial.accountSid ?? saved.accountSid;
    const base = { provider, accountSid };
    let authToken = trial.authToken;
    if (!authToken) {
      if (accountSid !== saved.accountSid) {
        return { ...base, ok: false, errorCode: 'incomplete', error: 'Type the auth token of this account: the saved one belongs to another Account SID.' };
      }
      try {
        authToken = (await this.db.tx((m) => this.tenants.smsCredentials(m, actor.tenantId))).authToken;
      } catch (error) {
        if (!(error instanceof SmsSecretUnreadableError)) throw error;
        return { ...base, ok: false, errorCode: 'secret_unreadable', error: 'The saved auth token cannot be read: type it again.' };
      }
    }
    const check = await checkTwilioAccount({ accountSid, authToken, baseUrl: provider === 'sandbox' ? this.options.sandboxUrl : undefined });
    return { ...base, ...check };
  }
}
