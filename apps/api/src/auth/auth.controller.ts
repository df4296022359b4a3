import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { ChangePasswordUseCase, LoginResult, LoginUseCase, StaffSession, StaffSessions, StaffUser, UsersUseCases } from '@porchlight/identity';
import { CurrentSession, Principal, Public } from '../http/auth.guard';
import { AccessTokenView, ChangePasswordDto } from '../users/users.dto';
import { CreateUserDto, LoginDto } from './auth.dto';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly users: UsersUseCases,
    private readonly sessions: StaffSessions,
    private readonly password: ChangePasswordUseCase,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff login; 401 on any mismatch without saying which part was wrong' })
  signIn(@Body() dto: LoginDto): Promise<LoginResult> {
    return this.login.execute(dto);
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: "This token stops working at once; the user's other tokens keep working" })
  @ApiNoContentResponse({ description: 'logged out' })
  logout(@CurrentSession() session: StaffSession): Promise<void> {
    return this.sessions.logout(session);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The caller' })
  me(@Principal() principal: StaffPrincipal): Promise<StaffUser> {
    return this.users.get(principal.userId);
  }

  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your own password',
    description: 'Every token issued before stops working; the answer carries a new token for this session.',
  })
  @ApiOkResponse({ type: AccessTokenView })
  changePassword(@Principal() principal: StaffPrincipal, @Body() dto: ChangePasswordDto): Promise<{ accessToken: string }> {
    return this.password.execute(principal, dto);
  }

  @ApiBearerAuth()
  @Post('users')
  @ApiOperation({ summary: 'A district admin adds a staff member' })
  createUser(@Principal() principal: StaffPrincipal, @Body() dto: CreateUserDto): Promise<StaffUser> {
    return this.users.create(principal, dto);
  }

  @ApiBearerAuth()
  @Get('users')
  @ApiOperation({ summary: 'Staff of the district, deactivated ones included (`active: false`)' })
  listUsers(): Promise<StaffUser[]> {
    return this.users.list();
  }
}
