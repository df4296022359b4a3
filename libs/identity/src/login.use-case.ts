import { Injectable } from '@nestjs/common';
import { DomainError, Role } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { AccessTokens } from './access-tokens';
import { audit } from './audit';
import { findUserByEmail, recordLogin } from './data/users.repository';
import { ImposedLocks, LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { TenantDirectory } from './tenants';

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; role: Role; language: string; name: string | null };
}

export interface LoginCommand {
  tenant: string;
  email: string;
  password: string;
  /** The client's address (behind the proxy), for throttling and the audit log. */
  address: string;
}

@Injectable()
export class LoginUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly directory: TenantDirectory,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    const refused = new DomainError('unauthorized', 'invalid credentials');
    const attempt = await this.throttle.admit(LoginThrottle.accountKey(command.tenant, command.email), command.address);
    const tenantId = await this.directory.bySlug(command.tenant);
    if (!tenantId) {
      await verifyPassword(undefined, command.password);
      await this.throttle.failed(attempt);
      throw refused;
    }
    const result = await this.db.txFor(tenantId, async (m): Promise<LoginResult | undefined> => {
      const user = await findUserByEmail(m, tenantId, command.email);
      const ok = await verifyPassword(user?.passwordHash, command.password);
      if (!user || !ok || !user.active) {
        const reason = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive';
        await audit(m, tenantId, {
          action: 'auth.login_failed',
          subjectType: user ? 'user' : undefined,
          subjectId: user?.id,
          data: { email: command.email.toLowerCase(), reason, address: command.address },
        });
        await this.auditLocks(m, tenantId, command, await this.throttle.failed(attempt), user?.id);
        return undefined;
      }
      await this.throttle.succeeded(attempt);
      await recordLogin(m, user.id);
      await audit(m, tenantId, { actorUserId: user.id, action: 'auth.login', subjectType: 'user', subjectId: user.id, data: { address: command.address } });
      return {
        accessToken: await this.tokens.issue({ userId: user.id, tenantId, tokenVersion: user.tokenVersion }),
        user: { id: user.id, email: user.email, role: user.role, language: user.language, name: user.name },
      };
    });
    if (!result) throw refused;
    return result;
  }

  /** A failure that locks the account or the address is written down once per lock. */
  private async auditLocks(m: EntityManager, tenantId: string, command: LoginCommand, locks: ImposedLocks, userId?: string): Promise<void> {
    for (const scope of ['account', 'address'] as const) {
      if (locks[scope] === 0) continue;
      await audit(m, tenantId, {
        action: 'auth.login_throttled',
        subjectType: userId ? 'user' : undefined,
        subjectId: userId,
        data: { scope, email: command.email.toLowerCase(), address: command.address, lockSeconds: locks[scope] },
      });
    }
  }
}
