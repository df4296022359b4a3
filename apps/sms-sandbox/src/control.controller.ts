import { Body, Controller, Delete, Get, Header, HttpCode, Inject, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { measureSms } from '@porchlight/sms';
import { BadRequestException } from '@nestjs/common';
import { postSigned } from './callbacks';
import { FAMILY_PHONE_PAGE } from './family-phone.page';
import { SANDBOX_OPTIONS, SandboxOptions } from './sandbox-messages';
import { newSid, SandboxState } from './sandbox-state';

const phoneList = (value: unknown, field: string): string[] | undefined => {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((p) => typeof p !== 'string')) throw new BadRequestException(`${field} must be a list of phone numbers`);
  return value as string[];
};

/** The sandbox's own control API: what phones received, texting as a family, and fault injection. */
@ApiExcludeController()
@Controller()
export class ControlController {
  constructor(
    private readonly state: SandboxState,
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return FAMILY_PHONE_PAGE;
  }

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Post('sandbox/accounts')
  @HttpCode(201)
  register(@Body() body: { accountSid?: string; authToken?: string; smsUrl?: string }): { accountSid: string } {
    if (!body.accountSid || !/^AC[0-9a-fA-F]{32}$/.test(body.accountSid) || !body.authToken) {
      throw new BadRequestException('accountSid (AC + 32 hex) and authToken are required');
    }
    this.state.register({ sid: body.accountSid, token: body.authToken, ...(body.smsUrl ? { smsUrl: body.smsUrl } : {}) });
    return { accountSid: body.accountSid };
  }

  @Get('sandbox/messages')
  messages(@Query('to') to?: string, @Query('from') from?: string) {
    const source = to ? (this.state.byTo.get(to) ?? []) : this.state.messages;
    return source
      .filter((m) => !from || m.from === from)
      .map((m) => ({
        sid: m.sid,
        accountSid: m.accountSid,
        to: m.to,
        from: m.from || m.messagingServiceSid,
        body: m.body,
        status: m.status,
        errorCode: m.errorCode,
        numSegments: m.numSegments,
        createdAt: m.dateCreated.toISOString(),
      }));
  }

  @Delete('sandbox/messages')
  @HttpCode(204)
  clear(): void {
    this.state.clearMessages();
  }

  @Get('sandbox/stats')
  stats() {
    return { ...this.state.stats, messages: this.state.messages.length, phones: this.state.byTo.size };
  }

  /** Texts the account's webhook as Twilio would: signed, form-encoded, with Twilio's fields. */
  @Post('sandbox/inbound')
  async inbound(@Body() body: { accountSid?: string; from?: string; to?: string; body?: string; messageSid?: string }) {
    const account = body.accountSid ? this.state.accounts.get(body.accountSid) : undefined;
    if (!account) throw new NotFoundException('unknown account: register it with POST /sandbox/accounts or send a message first');
    if (!body.from || !body.to || typeof body.body !== 'string') throw new BadRequestException('from, to and body are required');
    const messageSid = body.messageSid ?? newSid('SM');
    const url = account.smsUrl ?? `${this.options.publicBaseUrl.replace(/\/$/, '')}/webhooks/twilio/sms`;
    const result = await postSigned(account, url, {
      ToCountry: 'US',
      ToState: '',
      SmsMessageSid: messageSid,
      NumMedia: '0',
      ToCity: '',
      FromZip: '',
      SmsSid: messageSid,
      FromState: '',
      SmsStatus: 'received',
      FromCity: '',
      Body: body.body,
      FromCountry: 'US',
      To: body.to,
      ToZip: '',
      NumSegments: String(measureSms(body.body || ' ').segments),
      MessageSid: messageSid,
      AccountSid: account.sid,
      From: body.from,
      ApiVersion: '2010-04-01',
    });
    return { messageSid, status: result.status, body: result.body };
  }

  @Post('sandbox/faults')
  faults(
    @Body()
    body: {
      optedOut?: unknown;
      unreachable?: unknown;
      unreachableTimes?: unknown;
      invalid?: unknown;
      rateLimitNext?: unknown;
      latencyMs?: unknown;
      callbacks?: unknown;
    },
  ) {
    const faults = this.state.faults;
    for (const phone of phoneList(body.optedOut, 'optedOut') ?? []) faults.optedOut.add(phone);
    // `unreachableTimes`: the handset is unreachable for that many messages, then comes back.
    const times = Number(body.unreachableTimes) > 0 ? Math.floor(Number(body.unreachableTimes)) : Infinity;
    for (const phone of phoneList(body.unreachable, 'unreachable') ?? []) faults.unreachable.set(phone, times);
    for (const phone of phoneList(body.invalid, 'invalid') ?? []) faults.invalid.add(phone);
    if (body.rateLimitNext !== undefined) faults.rateLimitNext = Math.max(0, Number(body.rateLimitNext) || 0);
    if (body.latencyMs !== undefined) faults.latencyMs = Math.max(0, Number(body.latencyMs) || 0);
    if (body.callbacks !== undefined) faults.callbacks = body.callbacks !== false;
    return this.describeFaults();
  }

  @Delete('sandbox/faults')
  @HttpCode(204)
  resetFaults(): void {
    this.state.faults = SandboxState.noFaults();
  }

  private describeFaults() {
    const f = this.state.faults;
    return {
      optedOut: [...f.optedOut],
      unreachable: [...f.unreachable.keys()],
      invalid: [...f.invalid],
      rateLimitNext: f.rateLimitNext,
      latencyMs: f.latencyMs,
      callbacks: f.callbacks,
    };
  }
}
