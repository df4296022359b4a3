import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { ChangePasswordUseCase, LoginResult, LoginUseCase, StaffSession, StaffSessions, StaffUser, UsersUseCases } from '@porchlight/identity';
import { Request } from 'express';
import { CurrentSession, Principal, Public } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { AccessTokenView, ChangePasswordDto, StaffUserView } from '../users/users.dto';
import { LoginResponse } from './auth-responses.dto';
import { CreateUserDto, LoginDto } from './auth.dto';

const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } } };

/** The client's address as the proxy in front reports it (`trust proxy` is 1). */
const clientAddress = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';

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
  @ApiOperation({
    summary: 'Staff login; 401 on any mismatch without saying which part was wrong',
    description: 'Failed sign-ins are throttled per account and per client address with growing locks (429 with Retry-After).',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({ description: 'too many failed sign-ins to this account or from this address', headers: RETRY_AFTER })
  signIn(@Body() dto: LoginDto, @Req() request: Request): Promise<LoginResult> {
    return this.login.execute({ tenant: dto.tenant, email: dto.email, password: dto.password, address: clientAddress(request) });
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
  @ApiOkResponse({ type: StaffUserView })
  me(@Principal() principal: StaffPrincipal): Promise<StaffUser> {
    return this.users.get(principal.userId);
  }

  @ApiBearerAuth()
  @Post('me/password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your own password',
    description:
      'Every token issued before stops working; the answer carries a new token for this session. Wrong current passwords are throttled as sign-ins are.',
  })
  @ApiOkResponse({ type: AccessTokenView })
  @ApiTooManyRequestsResponse({ description: 'too many wrong current passwords', headers: RETRY_AFTER })
  changePassword(@Principal() principal: StaffPrincipal, @Body() dto: ChangePasswordDto, @Req() request: Request): Promise<{ accessToken: string }> {
    return this.password.execute(principal, { currentPassword: dto.currentPassword, newPassword: dto.newPassword, address: clientAddress(request) });
  }

  @ApiBearerAuth()
  @Post('users')
  @Roles('district_admin')
  @ApiOperation({ summary: 'A district admin adds a staff member' })
  @ApiCreatedResponse({ type: StaffUserView })
  createUser(@Principal() principal: StaffPrincipal, @Body() dto: CreateUserDto): Promise<StaffUser> {
    return this.users.create(principal, dto);
  }

  @ApiBearerAuth()
  @Get('users')
  @ApiOperation({ summary: 'Staff of the district, deactivated ones included (`active: false`)' })
  @ApiOkResponse({ type: [StaffUserView] })
  listUsers(): Promise<StaffUser[]> {
    return this.users.list();
  }
}
