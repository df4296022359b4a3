import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_KINDS, RESULT_GROUPINGS, ResultGrouping, SURVEY_STATUSES, SurveyQuestionKind, SurveyStatus } from '@porchlight/engagement';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AudienceDto } from '../notices/notices.dto';
import { IsBcp47 } from '../http/validators';

export class SurveyOptionDto {
  @ApiProperty({ example: '1' })
  @Matches(/^[A-Za-z0-9]{1,3}$/, { message: 'key must be 1-3 letters or digits' })
  key: string;

  @ApiProperty({ example: 'Morning' })
  @IsString()
  @Length(1, 100)
  label: string;
}

export class SurveyScaleDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  min: number;

  @ApiProperty({ example: 5 })
  @IsInt()
  max: number;
}

export class SurveyQuestionDto {
  @ApiProperty({ example: 'time', description: 'unique within the survey' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'key must be 1-32 letters, digits, - or _' })
  key: string;

  @ApiProperty({ example: 'When can you come to a meeting?' })
  @IsString()
  @Length(1, 500)
  text: string;

  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind: SurveyQuestionKind;

  @ApiPropertyOptional({ type: [SurveyOptionDto], description: 'a choice: 2–9 options' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @ValidateNested({ each: true })
  @Type(() => SurveyOptionDto)
  options?: SurveyOptionDto[];

  @ApiPropertyOptional({ type: SurveyScaleDto, description: 'a scale: whole numbers, min below max, within 0–10' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SurveyScaleDto)
  scale?: SurveyScaleDto;
}

export class SurveyReminderDto {
  @ApiProperty({ example: 48, description: 'hours after the first question; one reminder to phones that have not answered' })
  @IsNumber()
  @Min(1)
  @Max(336)
  afterHours: number;
}

export class CreateSurveyDto {
  @ApiProperty({ example: 'Family conference times' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: 'en' })
  @IsBcp47()
  sourceLanguage: string;

  @ApiProperty({ type: AudienceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

  @ApiPropertyOptional({ description: 'sent before the first question' })
  @IsOptional()
  @IsString()
  @Length(1, 600)
  intro?: string;

  @ApiPropertyOptional({ description: 'answers from then on are thanked and not counted' })
  @IsOptional()
  @IsISO8601({ strict: true })
  closesAt?: string;

  @ApiPropertyOptional({
    description:
      "when the survey opens, on the district's clock: ISO 8601 with its offset, in the future (the send call then prepares it and the first question waits until this time); at once when absent",
    example: '2026-03-02T08:00:00-05:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduledAt?: string;

  @ApiPropertyOptional({ description: 'the decision this survey informs' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({ type: SurveyReminderDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SurveyReminderDto)
  reminder?: SurveyReminderDto;

  @ApiProperty({ type: [SurveyQuestionDto], description: '1–10 questions, asked one at a time' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions: SurveyQuestionDto[];
}

export class SurveyTranslationQuestionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 32)
  key: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  text?: string;

  @ApiPropertyOptional({ type: [SurveyOptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @ValidateNested({ each: true })
  @Type(() => SurveyOptionDto)
  options?: SurveyOptionDto[];
}

export class SurveyTranslationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 600)
  intro?: string;

  @ApiPropertyOptional({ type: [SurveyTranslationQuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SurveyTranslationQuestionDto)
  questions?: SurveyTranslationQuestionDto[];
}

export class SurveyListQueryDto {
  @ApiPropertyOptional({ enum: SURVEY_STATUSES })
  @IsOptional()
  @IsIn(SURVEY_STATUSES)
  status?: SurveyStatus;
}

export class SurveyResultsQueryDto {
  @ApiPropertyOptional({ enum: RESULT_GROUPINGS })
  @IsOptional()
  @IsIn(RESULT_GROUPINGS)
  by?: ResultGrouping;
}
