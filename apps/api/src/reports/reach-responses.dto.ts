import { ApiProperty } from '@nestjs/swagger';
import { REACH_GROUPINGS } from '@porchlight/engagement';

/** Response shape of `GET /api/v1/reports/reach`, for the OpenAPI description. */

export class ReachWeekResponse {
  @ApiProperty({ description: 'Monday 00:00 UTC' }) weekStart: string;
  @ApiProperty() studentsReached: number;
  @ApiProperty() studentsHeard: number;
  @ApiProperty({ nullable: true, type: Number }) reachedRate: number | null;
  @ApiProperty({ nullable: true, type: Number }) heardRate: number | null;
}

export class ReachFiguresResponse {
  @ApiProperty() students: number;
  @ApiProperty({ description: 'students whose family a text reached (a delivered message to any of their family phones)' }) studentsReached: number;
  @ApiProperty({ nullable: true, type: Number, description: 'reached ÷ students; null without students' }) reachedRate: number | null;
  @ApiProperty({ description: 'reached students whose family replied (not a keyword) or answered a survey in the window' }) studentsHeard: number;
  @ApiProperty({ nullable: true, type: Number, description: 'heard ÷ reached; null when nobody was reached' }) heardRate: number | null;
  @ApiProperty({ description: 'students whose family replied' }) replied: number;
  @ApiProperty({ description: 'students whose family answered a survey' }) answered: number;
  @ApiProperty({ description: "students whose family's every phone has opted out (now)" }) optedOut: number;
  @ApiProperty({ description: 'students with no family phone that can take a text' }) noReachablePhone: number;
  @ApiProperty({ type: [Number], minItems: 2, maxItems: 2, description: 'the 95% Wilson interval of heardRate' }) interval: [number, number];
  @ApiProperty({ type: [ReachWeekResponse] }) weeks: ReachWeekResponse[];
}

export class ReachGroupResponse extends ReachFiguresResponse {
  @ApiProperty({ nullable: true, type: String, description: "the school's id, the grade, the language (BCP 47) or the family role; null: not known" })
  group: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the school's name; otherwise the group itself" }) label: string | null;
  @ApiProperty({ description: "the interval lies wholly below 0.8 × the district's heard rate" }) underHeard: boolean;
}

export class ReachReportResponse {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: REACH_GROUPINGS }) by: string;
  @ApiProperty({ enum: ['district', 'schools'], description: "schools: a school-level caller's schools, which `district` then covers" }) scope: string;
  @ApiProperty({ type: [ReachGroupResponse] }) groups: ReachGroupResponse[];
  @ApiProperty({ type: ReachFiguresResponse }) district: ReachFiguresResponse;
}
