import { Body, Controller, HttpCode, Post, Delete, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AccessTokens, LoginResult, LoginUseCase, StaffSession, StaffSessions } from '@porchlight/identity';
import { Request, Response } from 'express';
import { CurrentSession, Public } from '../http/auth.guard';
import { checkSameOrigin, SESSION_COOKIE } from '../http/session-cookie';
import { SessionView } from './auth-responses.dto';
import { LoginDto } from './auth.dto';

/** What sign-in answers, as `SessionView` documents it (the class is the OpenAPI description, not what is built). */
interface SessionBody {
  user: LoginResult['user'];
  expiresAt: string;
}

const clientAddress = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';

/**
 * The portal's sign-in: the same credentials as `POST /auth/login`, answered with an httpOnly,
 * `SameSite=Strict` cookie (`Secure` over https) holding the access token, which the page's
 * scripts never see. Cookie-authenticated writes must come from this site (see AuthGuard).
 */
@ApiTags('auth')
@Controller('api/v1/auth/session')
export class SessionController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly sessions: StaffSessions,
    private readonly tokens: AccessTokens,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to a session cookie (the portal); 401 on any mismatch, 403 from another site' })
  @ApiOkResponse({ type: SessionView })
  @ApiForbiddenResponse({ description: "the request's Origin is another site" })
  @ApiTooManyRequestsResponse({ description: 'too many failed sign-ins to this account or from this address' })
  async signIn(@Body() dto: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionBody> {
    checkSameOrigin(request, false);
    const result: LoginResult = await this.login.execute({ tenant: dto.tenant, email: dto.email, password: dto.password, address: clientAddress(request) });
    const claims = await this.tokens.verify(result.accessToken);
    const expiresAt = claims?.expiresAt ?? new Date();
    response.cookie(SESSION_COOKIE, result.accessToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: '/',
      expires: expiresAt,
    });
    return { user: result.user, expiresAt: expiresAt.toISOString() };
  }

  @Delete()
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Sign out: the session token stops working at once and the cookie is cleared' })
  @ApiNoContentResponse({ description: 'signed out' })
  async signOut(@CurrentSession() session: StaffSession, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.logout(session);
    response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
  }
}
