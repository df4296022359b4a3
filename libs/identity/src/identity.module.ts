import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { OutboundGuard } from '@porchlight/outbound';
import { AccessTokens } from './access-tokens';
import { AuditLogUseCases } from './audit-log.use-cases';
import { ChangePasswordUseCase } from './change-password.use-case';
import { CreateTenantUseCase } from './create-tenant.use-case';
import { IDENTITY_OUTBOUND_GUARD, STAFF_ACCESS_OPTIONS } from './identity.tokens';
import { LoginThrottle, LoginThrottleOptions } from './login-throttle';
import { LoginUseCase } from './login.use-case';
import { SchoolDirectory } from './school-directory.port';
import { SecretBox } from './secret-box';
import { SessionOptions, StaffSessions } from './sessions';
import { SettingsUseCases } from './settings.use-cases';
import { StaffLifecycleUseCases } from './staff-lifecycle.use-cases';
import { TenantDirectory, TenantRepository } from './tenants';
import { UsersUseCases } from './users.use-cases';

export interface IdentityOptions {
  /** SECRETS_KEY: seals districts' secrets and signs access tokens. */
  secretsKey: string;
  /** SECRETS_KEY_PREVIOUS during a rotation: its secrets and tokens are still read. */
  secretsKeyPrevious?: string;
  /** The API's side: staff sign-in, sessions, staff, settings, the audit log, new districts. Workers leave it out. */
  staff?: StaffAccessOptions;
}

export interface StaffAccessOptions extends LoginThrottleOptions, SessionOptions {
  accessTokenTtlSeconds?: number;
  /** Where a district's translation URL may lead; public https addresses only when unset. */
  outboundGuard?: OutboundGuard;
  /** Which school ids exist: contacts owns the schools and implements the port. */
  schools: Type<SchoolDirectory>;
}

const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 8 * 3600;

/** What every app that reads a district's secrets needs: the SecretBox, the tenant row, the directory. */
const TENANT_PROVIDERS = [SecretBox, TenantRepository, TenantDirectory];

/** The API's staff side: sign-in and sessions (with the queue module's Redis) and the use-cases behind its routes. */
const STAFF_PROVIDERS = [
  AccessTokens,
  LoginThrottle,
  StaffSessions,
  CreateTenantUseCase,
  LoginUseCase,
  ChangePasswordUseCase,
  UsersUseCases,
  StaffLifecycleUseCases,
  AuditLogUseCases,
  SettingsUseCases,
];

function staffProviders(identity: IdentityOptions, staff: StaffAccessOptions): Provider[] {
  return [
    { provide: STAFF_ACCESS_OPTIONS, useValue: staff },
    { provide: IDENTITY_OUTBOUND_GUARD, useValue: staff.outboundGuard ?? new OutboundGuard() },
    { provide: SchoolDirectory, useClass: staff.schools },
    {
      provide: AccessTokens,
      useFactory: () => new AccessTokens(identity.secretsKey, staff.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS, identity.secretsKeyPrevious),
    },
    ...STAFF_PROVIDERS.filter((provider) => provider !== AccessTokens),
  ];
}

/**
 * Tenants, their sealed secrets and directory; with `staff`, also staff sign-in and sessions (which
 * need the queue module's Redis), staff, settings and the audit log. Global: every domain reads
 * the tenant's row through it.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      providers: [
        // Built once per process: every reader of a sealed secret shares it.
        { provide: SecretBox, useFactory: () => new SecretBox(options.secretsKey, options.secretsKeyPrevious) },
        TenantRepository,
        TenantDirectory,
        ...(options.staff ? staffProviders(options, options.staff) : []),
      ],
      exports: [...TENANT_PROVIDERS, ...(options.staff ? STAFF_PROVIDERS : [])],
    };
  }
}
