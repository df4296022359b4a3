import { Inject, Injectable } from '@nestjs/common';
import { createTwilioClient, SmsProvider, TwilioSmsProvider } from '@porchlight/sms';
import { TenantSms } from '@porchlight/identity';
import { SMS_PROVIDER_OPTIONS, SmsProviderOptions } from './messaging.tokens';

/**
 * One provider client per tenant credential set. Tenants on provider `sandbox` use the very same
 * Twilio SDK, pointed at the sandbox's URL.
 */
@Injectable()
export class SmsProviders {
  private readonly cache = new Map<string, SmsProvider>();

  constructor(@Inject(SMS_PROVIDER_OPTIONS) private readonly options: SmsProviderOptions) {}

  for(sms: TenantSms): SmsProvider {
    const key = `${sms.provider}:${sms.accountSid}:${sms.authToken}`;
    let provider = this.cache.get(key);
    if (!provider) {
      const client = createTwilioClient({
        accountSid: sms.accountSid,
        authToken: sms.authToken,
        baseUrl: sms.provider === 'sandbox' ? this.options.sandboxUrl : undefined,
      });
      provider = new TwilioSmsProvider(client);
      this.cache.set(key, provider);
    }
    return provider;
  }
}
