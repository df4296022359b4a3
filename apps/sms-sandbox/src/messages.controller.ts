import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { SandboxMessages } from './sandbox-messages';
import { SandboxAccount, SandboxState } from './sandbox-state';
import { messageResource, twilioError } from './twilio-format';

/** Twilio's Messages resource: create, fetch and list, with Basic auth and Twilio's error bodies. */
@ApiExcludeController()
@Controller('2010-04-01/Accounts/:accountSid')
export class MessagesController {
  constructor(
    private readonly state: SandboxState,
    private readonly messages: SandboxMessages,
  ) {}

  /** Reached for other spellings of the path only: the sandbox's server answers the exact one first (`messages.route.ts`). */
  @Post('Messages.json')
  async create(
    @Param('accountSid') accountSid: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() form: Partial<Record<string, string>>,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.messages.create(accountSid, authorization, form);
    res.status(answer.status).json(answer.body);
  }

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
}
