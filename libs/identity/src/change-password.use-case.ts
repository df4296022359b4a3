import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { AccessTokens } from './access-tokens';
import { audit } from './audit';
import { changePasswordHash, findUserForUpdate } from './data/users.repository';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';

export interface ChangePasswordCommand {
  currentPassword: string;
  newPassword: string;
  /** The client's address, throttled as for sign-in. */
  address: string;
}

/**
 * A staff member changes their own password. Every token issued before stops working (the
 * user's `token_version` moves on); the answer carries a new token for the caller's session.
 * Wrong current passwords count against the account as failed sign-ins do.
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(actor: StaffPrincipal, command: ChangePasswordCommand): Promise<{ accessToken: string }> {
    const attempt = await this.throttle.admit(LoginThrottle.userKey(actor.userId), command.address);
    const outcome = await this.db.tx(async (m): Promise<{ accessToken: string } | undefined> => {
      const user = await findUserForUpdate(m, actor.userId);
      if (!user) throw new DomainError('unauthorized', 'a valid access token is required');
      if (!(await verifyPassword(user.passwordHash, command.currentPassword))) {
        await this.throttle.failed(attempt);
        await audit(m, actor.tenantId, {
          actorUserId: actor.userId,
          action: 'user.password_change_failed',
          subjectType: 'user',
          subjectId: actor.userId,
          data: { address: command.address },
        });
        return undefined;
      }
      await this.throttle.succeeded(attempt);
      const hash = await hashPassword(command.newPassword);
      // The row is locked: the version written is the one read, plus one.
      await changePasswordHash(m, actor.userId, hash);
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: actor.userId,
        data: { address: command.address },
      });
      return { accessToken: await this.tokens.issue({ userId: actor.userId, tenantId: actor.tenantId, tokenVersion: user.tokenVersion + 1 }) };
    });
    if (!outcome) throw new DomainError('invalid', 'validation failed', [{ field: 'currentPassword', message: 'currentPassword is not the current password' }]);
    return outcome;
  }
}
