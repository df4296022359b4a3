import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, Role } from '@porchlight/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { IsBcp47 } from '../http/validators';

/** Anyone may change their own `name` and `language`; the rest is for district admins. */
export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'district admins only; holds from the staff member’s next request' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: [String], description: 'district admins only; the schools whose families the staff member sees' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  schoolIds?: string[];

  @ApiPropertyOptional({ example: 'es' })
  @IsOptional()
  @IsBcp47()
  language?: string;

  @ApiPropertyOptional({ description: 'district admins only; false deactivates (as DELETE), true reactivates without reviving old tokens' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty({ writeOnly: true })
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ writeOnly: true, minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}

export class AccessTokenView {
  @ApiProperty({ description: 'a new access token for this session; every token issued before no longer works' })
  accessToken: string;
}

export class StaffUserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() language: string;
  @ApiProperty({ type: [String] }) schoolIds: string[];
  @ApiProperty({ description: 'false once deactivated: no sign-in, no working token; the history stays' }) active: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deactivatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
