import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ENGINE_TRIAL_ERROR_CODES, TRANSLATION_PROVIDERS } from '@porchlight/translation';
import { IsBcp47 } from '../http/validators';

/** `POST /api/v1/settings/translation/test`: every field optional; engine fields not given are the saved ones. */
export class TestTranslationDto {
  @ApiPropertyOptional({ description: 'a short sample; by default a sentence about a snow day', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  text?: string;

  @ApiPropertyOptional({ description: "the sample's language; the district's default language when not given", example: 'en' })
  @IsOptional()
  @IsBcp47()
  sourceLanguage?: string;

  @ApiPropertyOptional({ description: 'the language to translate into; Spanish when not given (English from Spanish)', example: 'es' })
  @IsOptional()
  @IsBcp47()
  targetLanguage?: string;

  @ApiPropertyOptional({ enum: TRANSLATION_PROVIDERS, description: 'an engine to try before saving it' })
  @IsOptional()
  @IsIn(TRANSLATION_PROVIDERS)
  provider?: string;

  @ApiPropertyOptional({ description: 'an unsaved base URL; the same rules as translation.url' })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  url?: string;

  @ApiPropertyOptional({
    writeOnly: true,
    description: 'an unsaved API key; without one the saved key is used, but only with the saved provider and URL',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  apiKey?: string;

  @ApiPropertyOptional({ description: 'an unsaved region (AWS, Azure)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  region?: string;
}

export class TestTranslationResponse {
  @ApiProperty({ description: 'true when the engine translated the sample' }) ok: boolean;
  @ApiProperty({ enum: TRANSLATION_PROVIDERS }) provider: string;
  @ApiProperty({ example: 'en' }) sourceLanguage: string;
  @ApiProperty({ example: 'es' }) targetLanguage: string;
  @ApiPropertyOptional({ description: "the engine's translation of the sample" }) translatedText?: string;
  @ApiPropertyOptional({ description: 'the language the translation reads as (offline detection)' }) detectedLanguage?: string;
  @ApiPropertyOptional({ enum: ENGINE_TRIAL_ERROR_CODES, description: 'why the test failed' }) errorCode?: string;
  @ApiPropertyOptional({ description: "what went wrong and what to check, in our words (never the engine's own error text)" }) error?: string;
}
