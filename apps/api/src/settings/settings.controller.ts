import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { SettingsUseCases, TenantSettings } from '@porchlight/identity';
import { SmsAccountCheckUseCase, SmsAccountTrialResult } from '@porchlight/messaging';
import { EngineCheckUseCase, EngineTrialResult } from '@porchlight/translation';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { TestTranslationDto, TestTranslationResponse } from './engine-test.dto';
import { TenantSettingsResponse } from './settings-responses.dto';
import { TestSmsDto, TestSmsResponse } from './sms-test.dto';
import { UpdateSettingsDto } from './settings.dto';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class SettingsController {
  constructor(
    private readonly settings: SettingsUseCases,
    private readonly engines: EngineCheckUseCase,
    private readonly smsAccounts: SmsAccountCheckUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The district's settings (secrets are never returned)",
    description:
      '`sms.status` is `ok`, or `secret_unreadable` when the SMS auth token cannot be decrypted with the server’s SECRETS_KEY; then `sms.statusMessage` says what to do, and messages wait until the token is entered again (PATCH `sms.authToken`) or the key restored.',
  })
  @ApiOkResponse({ type: TenantSettingsResponse })
  get(@Principal() principal: StaffPrincipal): Promise<TenantSettings> {
    return this.settings.get(principal);
  }

  @Patch()
  @Roles('district_admin')
  @ApiOperation({ summary: 'A district admin changes settings; secrets are write-only' })
  @ApiOkResponse({ type: TenantSettingsResponse })
  update(@Principal() principal: StaffPrincipal, @Body() dto: UpdateSettingsDto): Promise<TenantSettings> {
    return this.settings.update(principal, dto);
  }

  @Post('translation/test')
  @HttpCode(200)
  @Roles('district_admin')
  @ApiOperation({
    summary: 'A district admin tries the translation engine on a short sample',
    description:
      'Translates `text` (or a short sample) with the saved engine, or with unsaved `provider`, `url`, `apiKey` and `region` over it, before saving them. Always 200: `ok` false with `errorCode` and a message when the engine refuses the key, cannot be reached, or the settings are incomplete. The saved API key is used only with the saved provider and URL; requests go only where PROVIDER_HOST_ALLOWLIST and the outbound rules allow.',
  })
  @ApiOkResponse({ type: TestTranslationResponse })
  testTranslation(@Principal() principal: StaffPrincipal, @Body() dto: TestTranslationDto): Promise<EngineTrialResult> {
    return this.engines.test(principal, dto);
  }

  @Post('sms/test')
  @HttpCode(200)
  @Roles('district_admin')
  @ApiOperation({
    summary: 'A district admin checks the SMS account credentials',
    description:
      "Fetches the provider's account resource with the saved Account SID and auth token, or unsaved `provider`, `accountSid` and `authToken` over them (Twilio, or the SMS sandbox for provider `sandbox`). Nothing is sent. Always 200: `ok` false with `errorCode` and a message when the credentials are refused, the account is not active, or the provider cannot be reached. The saved token is used only with the saved Account SID.",
  })
  @ApiOkResponse({ type: TestSmsResponse })
  testSms(@Principal() principal: StaffPrincipal, @Body() dto: TestSmsDto): Promise<SmsAccountTrialResult> {
    return this.smsAccounts.test(principal, dto);
  }
}
