import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { ReachReport, ReachReportUseCase } from '@porchlight/engagement';
import { Principal } from '../http/auth.guard';
import { ReachReportResponse } from './reach-responses.dto';
import { ReachQueryDto } from './reports.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reach: ReachReportUseCase) {}

  @Get('reach')
  @ApiOperation({
    summary: 'Reach and voice per group and for the district over a window',
    description:
      'Students, students whose family a text reached (a delivered message to any of their family phones) and, of those, heard ' +
      '(a reply that is not a keyword, or a survey answer); opted-out families and students without a reachable phone; the 95% Wilson ' +
      "interval of each group's heard rate, and underHeard when it lies wholly below 0.8 × the district's; a weekly trend. " +
      "School-level staff get their schools' students, and `district` then covers those schools.",
  })
  @ApiOkResponse({ type: ReachReportResponse })
  @ApiResponse({ status: 400, description: 'a malformed date, from not before to, a window over 366 days, an unknown `by`' })
  report(@Principal() principal: StaffPrincipal, @Query() query: ReachQueryDto): Promise<ReachReport> {
    return this.reach.execute(principal, query);
  }
}
