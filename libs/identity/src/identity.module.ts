import { DynamicModule, Module } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { OutboundGuard } from '@porchlight/outbound';
import { PRODUCER_REDIS } from '@porchlight/queue';
import IORedis from 'ioredis';
import { AccessTokens } from './access-tokens';
import { AuditLogUseCases } from './audit-log.use-cases';
import { ChangePasswordUseCase } from './change-password.use-case';
import { CreateTenantUseCase } from './create-tenant.use-case';
import { LoginThrottle, LoginThrottleLimits } from './login-throttle';
import { LoginUseCase } from './login.use-case';
import { SecretBox } from './secret-box';
import { StaffSessions } from './sessions';
import { SettingsUseCases } from './settings.use-cases';
import { StaffLifecycleUseCases } from './staff-lifecycle.use-cases';
import { TenantDirectory, TenantRepository } from './tenants';
import { UsersUseCases } from './users.use-cases';

export interface IdentityOptions {
  secretsKey: string;
  /** SECRETS_KEY_PREVIOUS during a rotation: its secrets and tokens are still read. */
  previousSecretsKey?: string;
  accessTokenTtlSeconds?: number;
  /** Where a district's translation URL may lead; public https addresses only when unset. */
  outboundGuard?: OutboundGuard;
  /** Namespace of the Redis keys (`QUEUE_PREFIX`) for sign-in throttling, logouts and call budgets. */
  redisPrefix: string;
  loginThrottle: LoginThrottleLimits;
  /** Calls one access token may make per minute. */
  callsPerMinute: number;
}

/** Tenants, staff, their credentials and sessions, and the audit log. Needs the queue module's Redis. */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      providers: [
        { provide: SecretBox, useValue: new SecretBox(options.secretsKey, options.previousSecretsKey) },
        { provide: AccessTokens, useValue: new AccessTokens(options.secretsKey, options.accessTokenTtlSeconds ?? 8 * 3600, options.previousSecretsKey) },
        { provide: LoginThrottle, useFactory: (redis: IORedis) => new LoginThrottle(redis, options.redisPrefix, options.loginThrottle), inject: [PRODUCER_REDIS] },
        {
          provide: StaffSessions,
          useFactory: (db: TenantDb, tokens: AccessTokens, redis: IORedis) =>
            new StaffSessions(db, tokens, redis, { prefix: options.redisPrefix, callsPerMinute: options.callsPerMinute }),
          inject: [TenantDb, AccessTokens, PRODUCER_REDIS],
        },
        { provide: TenantRepository, useFactory: (box: SecretBox) => new TenantRepository(box), inject: [SecretBox] },
        { provide: TenantDirectory, useFactory: (db: TenantDb) => new TenantDirectory(db), inject: [TenantDb] },
        { provide: CreateTenantUseCase, useFactory: (db: TenantDb, t: TenantRepository) => new CreateTenantUseCase(db, t), inject: [TenantDb, TenantRepository] },
        {
          provide: LoginUseCase,
          useFactory: (db: TenantDb, d: TenantDirectory, a: AccessTokens, t: LoginThrottle) => new LoginUseCase(db, d, a, t),
          inject: [TenantDb, TenantDirectory, AccessTokens, LoginThrottle],
        },
        {
          provide: ChangePasswordUseCase,
          useFactory: (db: TenantDb, a: AccessTokens, t: LoginThrottle) => new ChangePasswordUseCase(db, a, t),
          inject: [TenantDb, AccessTokens, LoginThrottle],
        },
        { provide: UsersUseCases, useFactory: (db: TenantDb) => new UsersUseCases(db), inject: [TenantDb] },
        { provide: StaffLifecycleUseCases, useFactory: (db: TenantDb) => new StaffLifecycleUseCases(db), inject: [TenantDb] },
        { provide: AuditLogUseCases, useFactory: (db: TenantDb) => new AuditLogUseCases(db), inject: [TenantDb] },
        {
          provide: SettingsUseCases,
          useFactory: (db: TenantDb, t: TenantRepository) => new SettingsUseCases(db, t, options.outboundGuard),
          inject: [TenantDb, TenantRepository],
        },
      ],
      exports: [
        SecretBox,
        AccessTokens,
        LoginThrottle,
        StaffSessions,
        TenantRepository,
        TenantDirectory,
        CreateTenantUseCase,
        LoginUseCase,
        ChangePasswordUseCase,
        UsersUseCases,
        StaffLifecycleUseCases,
        AuditLogUseCases,
        SettingsUseCases,
      ],
    };
  }
}
