import { ApiPropertyOptional } from '@nestjs/swagger';
import { REACH_GROUPINGS, ReachGrouping } from '@porchlight/engagement';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class ReachQueryDto {
  @ApiPropertyOptional({ description: 'start of the window (ISO 8601); default: 90 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or time' })
  from?: string;

  @ApiPropertyOptional({ description: 'end of the window, exclusive (ISO 8601); default: now. At most 366 days after `from`' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or time' })
  to?: string;

  @ApiPropertyOptional({
    enum: REACH_GROUPINGS,
    default: 'language',
    description: "the family's language or role (a student counts in each of its family's), the student's school or grade",
  })
  @IsOptional()
  @IsIn([...REACH_GROUPINGS], { message: `by must be one of ${REACH_GROUPINGS.join(', ')}` })
  by?: ReachGrouping;
}
