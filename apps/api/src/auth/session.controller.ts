import { Body, Controller, HttpCode, Post, Delete, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AccessTokens, LoginResult, LoginUseCase, StaffSession, StaffSessions } from '@porchlight/identity';
import { Request, Response } from 'express';
import { CurrentSession, Public } from '../http/auth.guard';
import { checkSameOrigin, SESSION_COOKIE } from '../http/session-cookie';
import { LoginDto } from './auth.dto';

class SessionUserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() role: string;
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

class SessionView {
  @ApiProperty({ type: SessionUserView }) user: SessionUserView;
  @ApiProperty({ description: 'when the session ends and the user signs in again' }) expiresAt: string;
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
  async signIn(@Body() dto: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    checkSameOrigin(request, false);
    const result: LoginResult = await this.login.execute({ ...dto, address: clientAddress(request) });
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
