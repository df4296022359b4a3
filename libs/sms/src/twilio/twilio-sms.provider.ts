import { Twilio } from 'twilio';
import { OutboundSms, ProviderMessage, SentMessage, SmsProvider } from '../sms-provider.port';
import { classifyTwilioError } from './twilio-errors';

/** The SMS port over Twilio's Messages resource (and the sandbox, which speaks it). */
export class TwilioSmsProvider implements SmsProvider {
  constructor(private readonly client: Twilio) {}

  async send(message: OutboundSms): Promise<ProviderMessage> {
    try {
      const created = await this.client.messages.create({
        to: message.to,
        body: message.body,
        ...(message.messagingServiceSid ? { messagingServiceSid: message.messagingServiceSid } : { from: message.from }),
        statusCallback: message.statusCallback,
        ...(message.validityPeriodSeconds ? { validityPeriod: message.validityPeriodSeconds } : {}),
      });
      return { sid: created.sid, status: created.status, errorCode: created.errorCode };
    } catch (error) {
      throw classifyTwilioError(error);
    }
  }

  async findSent(to: string, since: Date): Promise<SentMessage[]> {
    try {
      // Not filtered by DateSent: a message Twilio still holds (accepted, queued) has no sent date yet.
      const found = await this.client.messages.list({ to, limit: 200 });
      return found
        .filter((m) => m.dateCreated >= since)
        .map((m) => ({ sid: m.sid, status: m.status, errorCode: m.errorCode, to: m.to, body: m.body, createdAt: m.dateCreated }));
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
