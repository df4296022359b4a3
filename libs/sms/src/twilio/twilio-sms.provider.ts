import { Twilio } from 'twilio';
import { OutboundSms, ProviderMessage, SmsProvider } from '../sms-provider.port';
import { classifyTwilioError } from './twilio-errors';

/** The SMS port over Twilio's Messages resource (and the sandbox, which speaks it). */
export class TwilioSmsProvider implements SmsProvider {
  constructor(private readonly client: Twilio) {}

  async send(message: OutboundSms): Promise<ProviderMessage> {
    try {
      const created = await this.client.messages.create({
        to: message.to,
        body: message.body,
        ...(message.messagingServiceSid ? { messagingServiceSid: message.messagingServiceSid } : { from: message.from! }),
        statusCallback: message.statusCallback,
        ...(message.validityPeriodSeconds ? { validityPeriod: message.validityPeriodSeconds } : {}),
      });
      return { sid: created.sid, status: created.status, errorCode: created.errorCode };
    } catch (error) {
      throw classifyTwilioError(error);
    }
  }

  async fetch(sid: string): Promise<ProviderMessage> {
    try {
      const found = await this.client.messages(sid).fetch();
      return { sid: found.sid, status: found.status, errorCode: found.errorCode };
    } catch (error) {
      throw classifyTwilioError(error);
    }
  }
}
