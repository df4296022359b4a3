import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { rows, TenantDb } from '@porchlight/database';
import * as argon2 from 'argon2';
import { AccessTokens } from './access-tokens';
import { audit } from './audit';
import { LoginThrottle } from './login-throttle';

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
export class ChangePasswordUseCase {
  constructor(private readonly db: TenantDb, private readonly tokens: AccessTokens, private readonly throttle: LoginThrottle) {}

  async execute(actor: StaffPrincipal, command: ChangePasswordCommand): Promise<{ accessToken: string }> {
    const attempt = await this.throttle.admit(LoginThrottle.userKey(actor.userId), command.address);
    const outcome = await this.db.tx(async (m): Promise<{ accessToken: string } | undefined> => {
      const [user] = await m.query(`select password_hash from users where id = $1 for update`, [actor.userId]);
      if (!user) throw new DomainError('unauthorized', 'a valid access token is required');
      // A row without a usable hash (an account that never had a password) matches no password.
      const matches = await argon2.verify(user.password_hash, command.currentPassword).catch(() => false);
      if (!matches) {
        await this.throttle.failed(attempt);
        await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'user.password_change_failed', subjectType: 'user', subjectId: actor.userId, data: { address: command.address } });
        return undefined;
      }
      await this.throttle.succeeded(attempt);
      const hash = await argon2.hash(command.newPassword, { type: argon2.argon2id });
      const [row] = await rows(
        m,
        `update users set password_hash = $2, token_version = token_version + 1, updated_at = now() where id = $1 returning token_version`,
        [actor.userId, hash],
      );
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'user.password_changed', subjectType: 'user', subjectId: actor.userId, data: { address: command.address } });
      return { accessToken: await this.tokens.issue({ userId: actor.userId, tenantId: actor.tenantId, tokenVersion: row.token_version }) };
    });
    if (!outcome) throw new DomainError('invalid', 'validation failed', [{ field: 'currentPassword', message: 'currentPassword is not the current password' }]);
    return outcome;
  }
}
