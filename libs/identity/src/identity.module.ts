import { DynamicModule, Module } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { OutboundGuard } from '@porchlight/outbound';
import { AccessTokens } from './access-tokens';
import { CreateTenantUseCase } from './create-tenant.use-case';
import { LoginUseCase } from './login.use-case';
import { SecretBox } from './secret-box';
import { SettingsUseCases } from './settings.use-cases';
import { TenantDirectory, TenantRepository } from './tenants';
import { UsersUseCases } from './users.use-cases';

export interface IdentityOptions {
  secretsKey: string;
  /** SECRETS_KEY_PREVIOUS during a rotation: its secrets and tokens are still read. */
  previousSecretsKey?: string;
  accessTokenTtlSeconds?: number;
  /** Where a district's translation URL may lead; public https addresses only when unset. */
  outboundGuard?: OutboundGuard;
}

/** Tenants, staff and their credentials. */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      providers: [
        { provide: SecretBox, useValue: new SecretBox(options.secretsKey, options.previousSecretsKey) },
        { provide: AccessTokens, useValue: new AccessTokens(options.secretsKey, options.accessTokenTtlSeconds ?? 8 * 3600, options.previousSecretsKey) },
        { provide: TenantRepository, useFactory: (box: SecretBox) => new TenantRepository(box), inject: [SecretBox] },
        { provide: TenantDirectory, useFactory: (db: TenantDb) => new TenantDirectory(db), inject: [TenantDb] },
        { provide: CreateTenantUseCase, useFactory: (db: TenantDb, t: TenantRepository) => new CreateTenantUseCase(db, t), inject: [TenantDb, TenantRepository] },
        { provide: LoginUseCase, useFactory: (db: TenantDb, d: TenantDirectory, a: AccessTokens) => new LoginUseCase(db, d, a), inject: [TenantDb, TenantDirectory, AccessTokens] },
        { provide: UsersUseCases, useFactory: (db: TenantDb) => new UsersUseCases(db), inject: [TenantDb] },
        {
          provide: SettingsUseCases,
          useFactory: (db: TenantDb, t: TenantRepository) => new SettingsUseCases(db, t, options.outboundGuard),
          inject: [TenantDb, TenantRepository],
        },
      ],
      exports: [SecretBox, AccessTokens, TenantRepository, TenantDirectory, CreateTenantUseCase, LoginUseCase, UsersUseCases, SettingsUseCases],
    };
  }
}
