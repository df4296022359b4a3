import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATUSES, NOTICE_STATUSES, URGENCIES, Urgency } from '@porchlight/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsBcp47 } from '../http/validators';

export class AudienceDto {
  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  schoolIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['K', '03'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  grades?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  sectionIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @IsUUID('all', { each: true })
  contactIds?: string[];
}

export class PollOptionDto {
  @ApiProperty({ example: '1' })
  @Matches(/^[A-Za-z0-9]{1,3}$/, { message: 'key must be 1-3 letters or digits' })
  key: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  label: string;
}

export class PollDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  question?: string;

  @ApiProperty({ type: [PollOptionDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(9)
  @ValidateNested({ each: true })
  @Type(() => PollOptionDto)
  options: PollOptionDto[];
}

export class NoticeTemplateDto {
  @ApiProperty({ example: 'school_closure_weather', description: 'a key from GET /api/v1/templates' })
  @IsString()
  @Length(1, 64)
  key: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: { school: 'Lincoln Elementary', date: '2026-03-06' },
    description: 'every variable the template takes, and no other',
  })
  @IsObject()
  variables: Record<string, string | number>;
}

export class CreateNoticeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'the text families receive, in the source language; required unless a template is given (which then replaces it)' })
  @ValidateIf((dto: CreateNoticeDto) => dto.template === undefined || dto.body !== undefined)
  @IsString()
  @Length(1, 1600)
  body?: string;

  @ApiPropertyOptional({
    type: NoticeTemplateDto,
    description: 'write the notice from a catalog template: the body is rendered in the source language, and the catalog gives the other languages',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NoticeTemplateDto)
  template?: NoticeTemplateDto;

  @ApiProperty({ example: 'en' })
  @IsBcp47()
  sourceLanguage: string;

  @ApiProperty({ type: AudienceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduledAt?: string;

  @ApiPropertyOptional({ type: PollDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PollDto)
  poll?: PollDto;

  @ApiPropertyOptional({
    default: true,
    description: 'replace curly quotes, long dashes and similar look-alikes that alone would force UCS-2 (shown in the preview)',
  })
  @IsOptional()
  @IsBoolean()
  smartEncoding?: boolean;
}

/** An audience to count before any draft exists (`POST /api/v1/notices/audience-count`). */
export class AudienceCountDto {
  @ApiProperty({ type: AudienceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

  @ApiPropertyOptional({ enum: URGENCIES, default: 'normal', description: 'quiet hours hold normal notices; urgent ones and emergencies override them' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ description: 'when the notice would go; now when absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduledAt?: string;
}

export class TranslationDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1600)
  body: string;
}

/** Cursor paging of a notice's messages or replies. */
export class NoticePageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class MessagesQueryDto extends NoticePageQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: string;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ description: 'add `backTranslation` to machine translations' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  backTranslate?: boolean;
}

export class RepliesQueryDto extends NoticePageQueryDto {}

export class ListNoticesQueryDto {
  @ApiPropertyOptional({ enum: NOTICE_STATUSES, description: 'the status the API shows (`sent` once nothing waits)' })
  @IsOptional()
  @IsIn(NOTICE_STATUSES)
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
