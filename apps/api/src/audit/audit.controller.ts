import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { AuditLogPage, AuditLogUseCases } from '@porchlight/identity';
import { Principal } from '../http/auth.guard';
import { AuditPageView, AuditQueryDto } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogUseCases) {}

  @Get()
  @ApiOperation({
    summary: "The district's audit log, newest first (district admins)",
    description: 'Sign-ins (ok, failed, throttled), logouts, password changes, staff changes, sends, settings, erasures, imports. Append-only.',
  })
  @ApiOkResponse({ type: AuditPageView })
  @ApiForbiddenResponse({ description: 'not a district admin' })
  list(@Principal() principal: StaffPrincipal, @Query() query: AuditQueryDto): Promise<AuditLogPage> {
    return this.auditLog.list(principal, query);
  }
}
