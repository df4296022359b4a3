import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SMS_PROVIDERS } from '@porchlight/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsBcp47, IsTimeZone } from '../http/validators';

export class TenantSmsDto {
  @ApiProperty({ enum: SMS_PROVIDERS })
  @IsIn(SMS_PROVIDERS)
  provider: 'twilio' | 'sandbox';

  @ApiProperty({ example: 'AC0123456789abcdef0123456789abcdef' })
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'accountSid must be a Twilio account SID (AC followed by 32 hex digits)' })
  accountSid: string;

  @ApiProperty({ writeOnly: true })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  authToken: string;

  @ApiPropertyOptional({ example: 'MG0123456789abcdef0123456789abcdef' })
  @IsOptional()
  @Matches(/^MG[0-9a-fA-F]{32}$/, { message: 'messagingServiceSid must be MG followed by 32 hex digits' })
  messagingServiceSid?: string;

  @ApiPropertyOptional({ example: '+16175550100' })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'fromNumber must be in E.164 form, like +16175550100' })
  fromNumber?: string;
}

export class TenantAdminDto {
  @ApiProperty()
  @IsEmail()
  email: string;

  @ApiProperty({ writeOnly: true, minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CreateTenantDto {
  @ApiProperty({ example: 'springfield' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'slug must be 2-63 lowercase letters, digits or dashes' })
  slug: string;

  @ApiProperty({ example: 'Springfield Public Schools' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'America/New_York' })
  @IsTimeZone()
  timezone: string;

  @ApiProperty({ example: 'US' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiProperty({ example: 'en' })
  @IsBcp47()
  defaultLanguage: string;

  @ApiPropertyOptional({ example: ['en', 'es', 'vi'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsBcp47({ each: true })
  languages?: string[];

  @ApiProperty({ type: TenantSmsDto })
  @ValidateNested()
  @Type(() => TenantSmsDto)
  sms: TenantSmsDto;

  @ApiProperty({ type: TenantAdminDto })
  @ValidateNested()
  @Type(() => TenantAdminDto)
  admin: TenantAdminDto;
}
