import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { LoginResult, LoginUseCase, StaffUser, UsersUseCases } from '@porchlight/identity';
import { Principal, Public } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { CreateUserDto, LoginDto } from './auth.dto';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly login: LoginUseCase, private readonly users: UsersUseCases) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff login; 401 on any mismatch without saying which part was wrong' })
  signIn(@Body() dto: LoginDto): Promise<LoginResult> {
    return this.login.execute(dto);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The caller' })
  me(@Principal() principal: StaffPrincipal): Promise<StaffUser> {
    return this.users.get(principal.userId);
  }

  @ApiBearerAuth()
  @Post('users')
  @Roles('district_admin')
  @ApiOperation({ summary: 'A district admin adds a staff member' })
  createUser(@Principal() principal: StaffPrincipal, @Body() dto: CreateUserDto): Promise<StaffUser> {
    return this.users.create(principal, dto);
  }

  @ApiBearerAuth()
  @Get('users')
  @ApiOperation({ summary: 'Staff of the district' })
  listUsers(): Promise<StaffUser[]> {
    return this.users.list();
  }
}
