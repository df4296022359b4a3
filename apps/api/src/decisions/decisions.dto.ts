import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISION_STATUSES, DecisionStatus, LOOP_AUDIENCES, LoopAudience } from '@porchlight/engagement';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsBcp47 } from '../http/validators';

const STATUS_MESSAGE = `status must be one of ${DECISION_STATUSES.join(', ')}`;

export class CreateDecisionDto {
  @ApiProperty({ example: 'School start time' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: 'Should the middle school start at 8:30 instead of 7:45?' })
  @IsString()
  @Length(1, 2000)
  question: string;

  @ApiPropertyOptional({ description: "the language title, question, outcome and rationale are written in; default: the district's" })
  @IsOptional()
  @IsBcp47()
  language?: string;

  @ApiPropertyOptional({ type: [String], description: 'the schools it is about; none: the whole district' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  schoolIds?: string[];

  @ApiPropertyOptional({ enum: DECISION_STATUSES, default: 'gathering' })
  @IsOptional()
  @IsIn([...DECISION_STATUSES], { message: STATUS_MESSAGE })
  status?: DecisionStatus;

  @ApiPropertyOptional({ description: 'what was decided (required once decided)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  outcome?: string;

  @ApiPropertyOptional({ description: 'why' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  rationale?: string;

  @ApiPropertyOptional({ description: 'when it was decided (ISO 8601); default: when the status becomes decided' })
  @IsOptional()
  @IsISO8601({ strict: true })
  decidedAt?: string;
}

export class UpdateDecisionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  question?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBcp47()
  language?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  schoolIds?: string[];

  @ApiPropertyOptional({ enum: DECISION_STATUSES })
  @IsOptional()
  @IsIn([...DECISION_STATUSES], { message: STATUS_MESSAGE })
  status?: DecisionStatus;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(4000)
  outcome?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(4000)
  rationale?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsISO8601({ strict: true })
  decidedAt?: string | null;
}

export class DecisionsQueryDto {
  @ApiPropertyOptional({ enum: DECISION_STATUSES })
  @IsOptional()
  @IsIn([...DECISION_STATUSES], { message: STATUS_MESSAGE })
  status?: DecisionStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** Exactly one of: a survey, a quoted reply, or a note with its source. */
export class DecisionInputDto {
  @ApiPropertyOptional({ description: 'a survey of the district' })
  @IsOptional()
  @IsUUID('all', { message: 'surveyId must be a UUID' })
  surveyId?: string;

  @ApiPropertyOptional({ description: "a family's reply, quoted" })
  @IsOptional()
  @IsUUID('all', { message: 'messageId must be a UUID' })
  messageId?: string;

  @ApiPropertyOptional({ description: 'what was said at a meeting or on a call (nothing that names a family, please)' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;

  @ApiPropertyOptional({ example: 'PTA meeting, 12 March' })
  @ValidateIf((dto: DecisionInputDto) => dto.note !== undefined || dto.source !== undefined)
  @IsString({ message: 'source must say where the note comes from (a meeting, a call)' })
  @Length(1, 200)
  source?: string;
}

export class CloseTheLoopDto {
  @ApiProperty({ example: 'You told us mornings are hard: from September the middle school starts at 8:30.' })
  @IsString()
  @Length(1, 1600)
  body: string;

  @ApiProperty({ example: 'en' })
  @IsBcp47()
  sourceLanguage: string;

  @ApiPropertyOptional({ enum: LOOP_AUDIENCES, default: 'respondents' })
  @IsOptional()
  @IsIn([...LOOP_AUDIENCES], { message: `audience must be one of ${LOOP_AUDIENCES.join(', ')}` })
  audience?: LoopAudience;

  @ApiPropertyOptional({ description: "the notice's title; default: the decision's" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;
}
