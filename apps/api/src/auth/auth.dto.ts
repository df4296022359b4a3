import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, Role } from '@porchlight/contracts';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { IsBcp47 } from '../http/validators';

export class LoginDto {
  @ApiProperty({ description: 'the district slug', example: 'springfield' })
  @IsString()
  @Length(1, 63)
  tenant: string;

  @ApiProperty()
  @IsString()
  @Length(1, 320)
  email: string;

  @ApiProperty({ writeOnly: true })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  email: string;

  @ApiProperty({ writeOnly: true, minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  schoolIds?: string[];

  @ApiPropertyOptional({ example: 'es' })
  @IsOptional()
  @IsBcp47()
  language?: string;
}
