import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { measureSms } from '@porchlight/sms';
import { Response } from 'express';
import { CallbackSender } from './callbacks';
import { newSid, SandboxAccount, SandboxMessage, SandboxState } from './sandbox-state';
import { messageResource, twilioError } from './twilio-format';

export const SANDBOX_OPTIONS = Symbol('SANDBOX_OPTIONS');
export interface SandboxOptions {
  publicBaseUrl: string;
  /** Pause between one status callback and the next. */
  callbackDelayMs: number;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Twilio's Messages resource: create, fetch and list, with Basic auth and Twilio's error bodies. */
@ApiExcludeController()
@Controller('2010-04-01/Accounts/:accountSid')
export class MessagesController {
  private readonly callbacks: CallbackSender;

  constructor(
    private readonly state: SandboxState,
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
  ) {
    this.callbacks = new CallbackSender((ok) => (ok ? state.stats.callbacksSent++ : state.stats.callbacksFailed++));
  }

  @Post('Messages.json')
  async create(
    @Param('accountSid') accountSid: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() form: Partial<Record<string, string>>,
    @Res() res: Response,
  ): Promise<void> {
    this.state.stats.createCalls++;
    const account = this.authenticate(accountSid, authorization);
    const reject = (status: number, code: number, message: string) => {
      this.state.stats.rejected++;
      const error = twilioError(status, code, message);
      res.status(error.status).json(error.body);
    };
    if (!account) {
      reject(401, 20003, 'Authenticate');
      return;
    }
    const faults = this.state.faults;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      reject(429, 20429, 'Too Many Requests');
      return;
    }
    const to = form.To ?? '';
    if (!form.To) {
      reject(400, 21604, "A 'To' phone number is required.");
      return;
    }
    if (!E164.test(to) || faults.invalid.has(to)) {
      reject(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      return;
    }
    if (!form.Body) {
      reject(400, 21602, 'Message body is required.');
      return;
    }
    if (!form.From && !form.MessagingServiceSid) {
      reject(400, 21603, "A 'From' phone number is required.");
      return;
    }
    if (faults.optedOut.has(to)) {
      reject(400, 21610, 'Attempt to send to unsubscribed recipient');
      return;
    }

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
    res.status(201).json(messageResource(message));
    const unreachableLeft = faults.unreachable.get(to) ?? 0;
    if (unreachableLeft > 0) faults.unreachable.set(to, unreachableLeft - 1);
    void this.progress(account, message, unreachableLeft > 0, faults.callbacks);
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

  private readonly segmentCache = new Map<string, number>();

  @Get('Messages.json')
  list(
    @Param('accountSid') accountSid: string,
    @Headers('authorization') authorization: string | undefined,
    @Query() query: Partial<Record<string, string>>,
    @Res() res: Response,
  ): void {
    if (!this.authenticate(accountSid, authorization)) {
      const error = twilioError(401, 20003, 'Authenticate');
      res.status(error.status).json(error.body);
      return;
    }
    const pageSize = Math.min(Math.max(Number(query.PageSize ?? 50) || 50, 1), 1000);
    const page = Math.max(Number(query.Page ?? 0) || 0, 0);
    const source = query.To ? (this.state.byTo.get(query.To) ?? []) : this.state.messages;
    const matching = source.filter((m) => m.accountSid === accountSid && (!query.From || m.from === query.From)).reverse();
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const pageUri = (p: number) => `${base}?PageSize=${String(pageSize)}&Page=${String(p)}`;
    res.status(200).json({
      messages: slice.map(messageResource),
      page,
      page_size: pageSize,
      start: page * pageSize,
      end: page * pageSize + Math.max(slice.length - 1, 0),
      first_page_uri: pageUri(0),
      next_page_uri: (page + 1) * pageSize < matching.length ? pageUri(page + 1) : null,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      uri: pageUri(page),
    });
  }

  @Get('Messages/:sid.json')
  fetch(
    @Param('accountSid') accountSid: string,
    @Param('sid') sid: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): void {
    const message = this.state.bySid.get(sid);
    const account = this.authenticate(accountSid, authorization);
    if (account && message?.accountSid === accountSid) {
      res.status(200).json(messageResource(message));
      return;
    }
    const error = account
      ? twilioError(404, 20404, `The requested resource /2010-04-01/Accounts/${accountSid}/Messages/${sid}.json was not found`)
      : twilioError(401, 20003, 'Authenticate');
    res.status(error.status).json(error.body);
  }

  private authenticate(accountSid: string, authorization: string | undefined): SandboxAccount | undefined {
    return this.state.authenticate(accountSid, authorization);
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
