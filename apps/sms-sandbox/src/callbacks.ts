import { Logger } from '@nestjs/common';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { SandboxAccount } from './sandbox-state';

/** Posts a form to `url` signed as Twilio signs its webhooks, with the account's token. */
export async function postSigned(
  account: SandboxAccount,
  url: string,
  params: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const signature = getExpectedTwilioSignature(account.token, url, params);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1' },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: await response.text() };
}

/** Status callbacks, retried a few times and then dropped with a log line; never fatal. */
export class CallbackSender {
  private readonly logger = new Logger('StatusCallbacks');

  constructor(private readonly onResult: (ok: boolean) => void) {}

  async send(account: SandboxAccount, url: string, params: Record<string, string>): Promise<void> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        const result = await postSigned(account, url, params);
        if (result.status < 500) {
          this.onResult(result.status < 300);
          return;
        }
      } catch {
        // the receiver is down: try again
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
    this.onResult(false);
    this.logger.warn({ msg: 'status callback dropped', url, sid: params.MessageSid, status: params.MessageStatus });
  }
}
