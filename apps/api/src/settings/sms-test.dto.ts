import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { SMS_PROVIDERS } from '@porchlight/contracts';
import { SMS_ACCOUNT_CHECK_CODES } from '@porchlight/sms';
import { SmsSettingsDto } from './settings.dto';

const ERROR_CODES = [...SMS_ACCOUNT_CHECK_CODES, 'incomplete', 'secret_unreadable'] as const;

/**
 * `POST /api/v1/settings/sms/test`: the SMS settings' provider, Account SID and token, with their
 * rules, every field optional; fields not given are the saved ones, and the saved token is used
 * only with the saved Account SID.
 */
export class TestSmsDto extends PickType(SmsSettingsDto, ['provider', 'accountSid', 'authToken'] as const) {}

export class TestSmsResponse {
  @ApiProperty({ description: 'true when the provider accepted the Account SID and token, and the account is active' }) ok: boolean;
  @ApiProperty({ enum: SMS_PROVIDERS }) provider: string;
  @ApiProperty() accountSid: string;
  @ApiPropertyOptional({ description: "the provider's account status: active, suspended or closed" }) accountStatus?: string;
  @ApiPropertyOptional() friendlyName?: string;
  @ApiPropertyOptional({ enum: ERROR_CODES, description: 'why the test failed' }) errorCode?: string;
  @ApiPropertyOptional({ description: "what went wrong and what to check, in our words (never the provider's own error text)" }) error?: string;
}
