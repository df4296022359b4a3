import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SMS_PROVIDERS } from '@porchlight/contracts';

/** Response shape of the settings routes (and of a new tenant), for the OpenAPI description; secrets are never in it. */

export class QuietHoursResponse {
  @ApiProperty({ example: '08:00' }) start: string;
  @ApiProperty({ example: '21:00' }) end: string;
}

export class SmsSettingsResponse {
  @ApiProperty({ enum: SMS_PROVIDERS }) provider: string;
  @ApiProperty() accountSid: string;
  @ApiProperty({ nullable: true, type: String }) messagingServiceSid: string | null;
  @ApiProperty({ nullable: true, type: String }) fromNumber: string | null;
  @ApiProperty({ nullable: true, type: Number }) messagesPerSecond: number | null;
  @ApiProperty({ enum: ['ok', 'secret_unreadable'], description: 'secret_unreadable: the auth token cannot be decrypted, and messages wait' }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'what to do when the status is not ok' }) statusMessage: string | null;
}

export class TranslationSettingsResponse {
  @ApiProperty({ example: 'libretranslate' }) provider: string;
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional() region?: string;
  @ApiPropertyOptional({ type: [String], description: 'the urgencies (or `all`) whose catalog and machine texts wait for a person' })
  requireReviewFor?: string[];
  @ApiProperty({ enum: ['hold', 'send_source'] }) untranslatedPolicy: string;
  @ApiProperty({ description: 'whether an API key is saved; the key itself is write-only' }) apiKeySet: boolean;
}

export class RetentionSettingsResponse {
  @ApiProperty({ nullable: true, type: Number, description: 'null keeps message texts for as long as the district exists' }) messageBodyDays: number | null;
}

export class TenantSettingsResponse {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'America/New_York' }) timezone: string;
  @ApiProperty({ example: 'US' }) country: string;
  @ApiProperty({ example: 'en' }) defaultLanguage: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: QuietHoursResponse }) quietHours: QuietHoursResponse;
  @ApiProperty({ nullable: true, type: String }) helpText: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'where families reach a person; named in HELP replies' }) helpContact: string | null;
  @ApiProperty({ type: SmsSettingsResponse }) sms: SmsSettingsResponse;
  @ApiProperty({ type: TranslationSettingsResponse }) translation: TranslationSettingsResponse;
  @ApiProperty({ type: RetentionSettingsResponse }) retention: RetentionSettingsResponse;
  @ApiProperty() createdAt: string;
}
