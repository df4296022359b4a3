import { Controller, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TwilioWebhooks } from '@porchlight/messaging';
import { Request, Response } from 'express';
import { Public } from '../http/auth.guard';
import { AcceptsAnyText } from '../http/input.interceptor';
import { EMPTY_TWIML } from './inbound-sms.route';

/**
 * Twilio's webhooks: form-encoded, signed, answered at once; the work happens in jobs. A POST to
 * either path itself is answered ahead of Express (`inbound-sms.route.ts`,
 * `status-callback.route.ts`); these routes answer the other spellings of them, with the same rules.
 */
@ApiTags('webhooks')
@Public()
@AcceptsAnyText()
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(private readonly webhooks: TwilioWebhooks) {}

  @Post('sms')
  @HttpCode(200)
  async sms(@Req() request: Request, @Res() response: Response, @Headers('x-twilio-signature') signature?: string): Promise<void> {
    await this.webhooks.receiveSms({ path: request.originalUrl, signature, params: formParams(request.body) });
    response.type('text/xml').send(EMPTY_TWIML);
  }

  @Post('status')
  @HttpCode(204)
  async status(@Req() request: Request, @Query('m') messageId: string | undefined, @Headers('x-twilio-signature') signature?: string): Promise<void> {
    const id = messageId && /^[0-9a-f-]{36}$/i.test(messageId) ? messageId : undefined;
    await this.webhooks.applyStatus({ path: request.originalUrl, signature, params: formParams(request.body) }, id);
  }
}

function formParams(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
}
