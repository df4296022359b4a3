import { ApiPropertyOptional } from '@nestjs/swagger';
import { SMS_PROVIDERS } from '@porchlight/contracts';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '@porchlight/identity';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsBcp47, IsTimeZone } from '../http/validators';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursDto {
  @ApiPropertyOptional({ example: '08:00' })
  @Matches(HHMM, { message: 'start must be HH:MM' })
  start: string;

  @ApiPropertyOptional({ example: '21:00' })
  @Matches(HHMM, { message: 'end must be HH:MM' })
  end: string;
}

export class SmsSettingsDto {
  @ApiPropertyOptional({ enum: SMS_PROVIDERS })
  @IsOptional()
  @IsIn(SMS_PROVIDERS)
  provider?: 'twilio' | 'sandbox';

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'accountSid must be AC followed by 32 hex digits' })
  accountSid?: string;

  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  authToken?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^MG[0-9a-fA-F]{32}$/, { message: 'messagingServiceSid must be MG followed by 32 hex digits' })
  messagingServiceSid?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'fromNumber must be in E.164 form' })
  fromNumber?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'per-sender throughput: long code 1, toll-free 3, short code 100, or the 10DLC figure' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  messagesPerSecond?: number | null;
}

const TRANSLATION_PROVIDERS = ['none', 'libretranslate', 'deepl', 'google', 'aws', 'azure'] as const;

export class TranslationSettingsDto {
  @ApiPropertyOptional({ enum: TRANSLATION_PROVIDERS })
  @IsOptional()
  @IsIn(TRANSLATION_PROVIDERS)
  provider?: string;

  @ApiPropertyOptional({
    description:
      "the engine's base URL: https to a public address (never loopback, private, link-local or metadata addresses), without credentials or query; plain http or a private address only for a host on the operator's PROVIDER_HOST_ALLOWLIST. A refused URL answers 400 naming translation.url and why.",
  })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  url?: string;

  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  apiKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  region?: string;

  @ApiPropertyOptional({ enum: ['hold', 'send_source'] })
  @IsOptional()
  @IsIn(['hold', 'send_source'])
  untranslatedPolicy?: 'hold' | 'send_source';

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  requireReviewFor?: string[];
}

export class RetentionSettingsDto {
  @ApiPropertyOptional({
    nullable: true,
    minimum: MIN_RETENTION_DAYS,
    maximum: MAX_RETENTION_DAYS,
    example: 365,
    description:
      'message texts (both directions, and their translations) older than this many days are removed by a daily job; counts, statuses, languages and times stay. null keeps them.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(MIN_RETENTION_DAYS)
  @Max(MAX_RETENTION_DAYS)
  messageBodyDays?: number | null;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBcp47()
  defaultLanguage?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsBcp47({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ type: QuietHoursDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(300)
  helpText?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '(617) 555-0100 or help@springfield.k12.us',
    description: 'where families reach a person; named in every HELP reply',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(100)
  helpContact?: string | null;

  @ApiPropertyOptional({ type: SmsSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SmsSettingsDto)
  sms?: SmsSettingsDto;

  @ApiPropertyOptional({ type: TranslationSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TranslationSettingsDto)
  translation?: TranslationSettingsDto;

  @ApiPropertyOptional({ type: RetentionSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetentionSettingsDto)
  retention?: RetentionSettingsDto;
}
