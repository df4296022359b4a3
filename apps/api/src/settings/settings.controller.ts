import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { SettingsUseCases, TenantSettings } from '@porchlight/identity';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { UpdateSettingsDto } from './settings.dto';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsUseCases) {}

  @Get()
  @ApiOperation({
    summary: "The district's settings (secrets are never returned)",
    description:
      '`sms.status` is `ok`, or `secret_unreadable` when the SMS auth token cannot be decrypted with the server’s SECRETS_KEY; then `sms.statusMessage` says what to do, and messages wait until the token is entered again (PATCH `sms.authToken`) or the key restored.',
  })
  get(@Principal() principal: StaffPrincipal): Promise<TenantSettings> {
    return this.settings.get(principal);
  }

  @Patch()
  @Roles('district_admin')
  @ApiOperation({ summary: 'A district admin changes settings; secrets are write-only' })
  update(@Principal() principal: StaffPrincipal, @Body() dto: UpdateSettingsDto): Promise<TenantSettings> {
    return this.settings.update(principal, dto);
  }
}
