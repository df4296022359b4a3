import { Inject, Injectable } from '@nestjs/common';
import { measureSms } from '@porchlight/sms';
import { CallbackSender } from './callbacks';
import { newSid, SandboxAccount, SandboxMessage, SandboxState } from './sandbox-state';
import { messageResource, twilioError } from './twilio-format';

export const SANDBOX_OPTIONS = Symbol('SANDBOX_OPTIONS');
export interface SandboxOptions {
  publicBaseUrl: string;
  /** Pause between one status callback and the next. */
  callbackDelayMs: number;
}

/** An answer of the Messages API: its HTTP status and JSON body. */
export interface SandboxAnswer {
  status: number;
  body: Record<string, unknown>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Twilio's message creation as the sandbox plays it: Basic auth, Twilio's validation and error
 * codes, the faults a test asked for, then the message's life as signed status callbacks.
 */
@Injectable()
export class SandboxMessages {
  private readonly callbacks: CallbackSender;
  private readonly segmentCache = new Map<string, number>();

  constructor(
    private readonly state: SandboxState,
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
  ) {
    this.callbacks = new CallbackSender((ok) => (ok ? state.stats.callbacksSent++ : state.stats.callbacksFailed++));
  }

  async create(accountSid: string, authorization: string | undefined, form: Partial<Record<string, string>>): Promise<SandboxAnswer> {
    this.state.stats.createCalls++;
    const account = this.state.authenticate(accountSid, authorization);
    const reject = (status: number, code: number, message: string) => {
      this.state.stats.rejected++;
      return twilioError(status, code, message);
    };
    if (!account) return reject(401, 20003, 'Authenticate');
    const faults = this.state.faults;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      return reject(429, 20429, 'Too Many Requests');
    }
    const to = form.To ?? '';
    if (!form.To) return reject(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to) || faults.invalid.has(to)) return reject(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!form.Body) return reject(400, 21602, 'Message body is required.');
    if (!form.From && !form.MessagingServiceSid) return reject(400, 21603, "A 'From' phone number is required.");
    if (faults.optedOut.has(to)) return reject(400, 21610, 'Attempt to send to unsubscribed recipient');

    const now = new Date();
    const message: SandboxMessage = {
      sid: newSid('SM'),
      accountSid,
      to,
      from: form.From ?? '',
      messagingServiceSid: form.MessagingServiceSid ?? null,
      body: form.Body,
      status: form.MessagingServiceSid ? 'accepted' : 'queued',
      numSegments: this.segments(form.Body),
      errorCode: null,
      errorMessage: null,
      statusCallback: form.StatusCallback,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
    };
    this.state.add(message);
    this.state.stats.accepted++;
    const answer = { status: 201, body: messageResource(message) };
    const unreachableLeft = faults.unreachable.get(to) ?? 0;
    if (unreachableLeft > 0) faults.unreachable.set(to, unreachableLeft - 1);
    void this.progress(account, message, unreachableLeft > 0, faults.callbacks);
    return answer;
  }

  /** Segments of a body; a broadcast sends one body thousands of times, so it is measured once. */
  private segments(body: string): number {
    let n = this.segmentCache.get(body);
    if (n === undefined) {
      n = measureSms(body).segments;
      if (this.segmentCache.size >= 1000) this.segmentCache.clear();
      this.segmentCache.set(body, n);
    }
    return n;
  }

  /**
   * The message's life after creation, each change a signed callback — as Twilio does it, none for
   * the initial status: a message sent from a number starts `queued` and calls back `sent`, then
   * `delivered` (or `undelivered` with 30003 for an unreachable handset); one sent through a
   * Messaging Service starts `accepted` and calls back `queued` first.
   */
  private async progress(account: SandboxAccount, message: SandboxMessage, unreachable: boolean, callbacks: boolean): Promise<void> {
    const steps: [string, number | null][] = [
      ...(message.status === 'accepted' ? ([['queued', null]] as [string, number | null][]) : []),
      ['sent', null],
      unreachable ? ['undelivered', 30003] : ['delivered', null],
    ];
    for (const [status, errorCode] of steps) {
      await new Promise((resolve) => setTimeout(resolve, this.options.callbackDelayMs));
      message.status = status;
      message.errorCode = errorCode;
      message.errorMessage = errorCode ? 'Unreachable destination handset' : null;
      message.dateUpdated = new Date();
      if (status === 'sent') message.dateSent = message.dateUpdated;
      if (!callbacks || !message.statusCallback) continue;
      await this.callbacks.send(account, message.statusCallback, {
        AccountSid: message.accountSid,
        ApiVersion: '2010-04-01',
        From: message.from,
        To: message.to,
        MessageSid: message.sid,
        SmsSid: message.sid,
        MessageStatus: status,
        SmsStatus: status,
        ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
        ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
      });
    }
  }
}
