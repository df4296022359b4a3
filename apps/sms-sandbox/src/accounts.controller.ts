import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { SandboxState } from './sandbox-state';
import { twilioError } from './twilio-format';

/** Twilio's Account resource, fetch only: how a district checks its SID and token before relying on them. */
@ApiExcludeController()
@Controller('2010-04-01/Accounts')
export class AccountsController {
  private readonly createdAt = new Date();

  constructor(private readonly state: SandboxState) {}

  @Get(':resource')
  fetch(@Param('resource') resource: string, @Headers('authorization') authorization: string | undefined, @Res() res: Response): void {
    const accountSid = resource.replace(/\.json$/, '');
    if (!resource.endsWith('.json') || !this.state.authenticate(accountSid, authorization)) {
      const error = twilioError(401, 20003, 'Authenticate');
      res.status(error.status).json(error.body);
      return;
    }
    const uri = `/2010-04-01/Accounts/${accountSid}.json`;
    res.status(200).json({
      sid: accountSid,
      owner_account_sid: accountSid,
      friendly_name: `Sandbox ${accountSid.slice(-6)}`,
      status: 'active',
      type: 'Full',
      date_created: this.createdAt.toUTCString(),
      date_updated: this.createdAt.toUTCString(),
      uri,
      subresource_uris: { messages: uri.replace(/\.json$/, '/Messages.json') },
    });
  }
}
