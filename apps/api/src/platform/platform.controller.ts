import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateTenantUseCase, TenantSettings } from '@porchlight/identity';
import { Public } from '../http/auth.guard';
import { PlatformTokenGuard } from '../http/platform-token.guard';
import { TenantSettingsResponse } from '../settings/settings-responses.dto';
import { CreateTenantDto } from './platform.dto';

@ApiTags('platform')
@ApiBearerAuth()
@Public()
@UseGuards(PlatformTokenGuard)
@Controller('api/v1/platform')
export class PlatformController {
  constructor(private readonly createTenant: CreateTenantUseCase) {}

  @Post('tenants')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a district tenant with its first district admin (Bearer = PLATFORM_ADMIN_TOKEN)' })
  @ApiCreatedResponse({ type: TenantSettingsResponse, description: 'the new district’s settings' })
  create(@Body() dto: CreateTenantDto): Promise<TenantSettings> {
    return this.createTenant.execute(dto);
  }
}
