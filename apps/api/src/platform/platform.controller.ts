import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, Req, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateTenantUseCase, TenantSettings } from '@porchlight/identity';
import { Request } from 'express';
import { Public } from '../http/auth.guard';
import { PLATFORM_ADMIN_TOKEN } from '../tokens';
import { CreateTenantDto } from './platform.dto';

@ApiTags('platform')
@ApiBearerAuth()
@Controller('api/v1/platform')
export class PlatformController {
  constructor(private readonly createTenant: CreateTenantUseCase, @Inject(PLATFORM_ADMIN_TOKEN) private readonly platformToken: string) {}

  @Public()
  @Post('tenants')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a district tenant with its first district admin (Bearer = PLATFORM_ADMIN_TOKEN)' })
  async create(@Req() request: Request, @Body() dto: CreateTenantDto): Promise<TenantSettings> {
    this.checkPlatformToken(request.header('authorization'));
    return this.createTenant.execute(dto);
  }

  private checkPlatformToken(header: string | undefined): void {
    const [scheme, token] = (header ?? '').split(' ');
    const given = Buffer.from(token ?? '');
    const expected = Buffer.from(this.platformToken);
    if (scheme?.toLowerCase() !== 'bearer' || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException('the platform admin token is required');
    }
  }
}
