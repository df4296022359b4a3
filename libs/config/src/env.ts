import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsIP, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

const LOCAL_DATABASE_URL = 'postgres://porchlight_app:porchlight_app@127.0.0.1:5432/porchlight';
const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/porchlight';

/** What every Porchlight process reads. The only place that touches `process.env`. */
export class BaseEnv {
  @IsString()
  DATABASE_URL: string = LOCAL_DATABASE_URL;

  @IsString()
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: string = 'info';

  /** Namespace of the BullMQ keys in Redis, so several deployments can share one Redis. */
  @Matches(/^[a-z0-9:_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 lowercase letters, digits, ":", "_" or "-"' })
  QUEUE_PREFIX: string = 'porchlight';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE?: number;

  /**
   * A LibreTranslate server every district may fall back to after its own provider (or use when it
   * has none), e.g. the self-hosted one of docker-compose.yml. Unset: no platform fallback.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  TRANSLATION_FALLBACK_URL?: string;

  @IsOptional()
  @IsString()
  TRANSLATION_FALLBACK_API_KEY?: string;
}

/** The platform fallback as provider settings (none when unset). */
export function translationFallbacks(env: BaseEnv): { provider: 'libretranslate'; url: string; apiKey?: string }[] {
  return env.TRANSLATION_FALLBACK_URL ? [{ provider: 'libretranslate', url: env.TRANSLATION_FALLBACK_URL, apiKey: env.TRANSLATION_FALLBACK_API_KEY }] : [];
}

/** Processes that hold tenants' secrets (the API, the delivery workers). */
export class SecretsEnv extends BaseEnv {
  @Matches(/^[A-Za-z0-9+/=_-]{32,}$/, { message: 'SECRETS_KEY must be at least 32 characters of base64 or hex (e.g. `openssl rand -base64 32`)' })
  SECRETS_KEY: string;

  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  @IsUrl({ require_tld: false, require_protocol: true })
  SMS_SANDBOX_URL: string = 'http://127.0.0.1:4010';

  /** Wait before re-sending to a handset the carrier could not reach (30003); grows with each try. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  UNREACHABLE_RETRY_SECONDS: number = 300;
}

export class ApiEnv extends SecretsEnv {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PORT: number = 3000;

  @IsString()
  @MinLength(16, { message: 'PLATFORM_ADMIN_TOKEN must be at least 16 characters' })
  PLATFORM_ADMIN_TOKEN: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  ACCESS_TOKEN_TTL_SECONDS: number = 8 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_BODY_BYTES: number = 1024 * 1024;

  /** Largest roster upload (each file, and each file inside a zip) the import endpoints accept. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_IMPORT_BYTES: number = 512 * 1024 * 1024;
}

export class WorkerEnv extends BaseEnv {
  /** How long SIGTERM waits for jobs in hand before the worker stops anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SHUTDOWN_GRACE_SECONDS: number = 25;

  /** Port of the worker's own health and metrics endpoint; 0 picks a free one. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  HEALTH_PORT: number = 0;

  /**
   * Address the health and metrics endpoint binds: this machine only by default (`npm start`);
   * the container image sets 0.0.0.0 so an orchestrator's probes and scrapers reach it.
   */
  @IsIP(undefined, { message: 'HEALTH_HOST must be an IP address such as 127.0.0.1 or 0.0.0.0' })
  HEALTH_HOST: string = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WORKER_CONCURRENCY: number = 16;
}

export class DeliveryEnv extends SecretsEnv {
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SHUTDOWN_GRACE_SECONDS: number = 25;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  HEALTH_PORT: number = 0;

  @IsIP(undefined, { message: 'HEALTH_HOST must be an IP address such as 127.0.0.1 or 0.0.0.0' })
  HEALTH_HOST: string = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WORKER_CONCURRENCY: number = 64;
}

/** The translation app opens districts' provider keys, so it holds the secrets key. */
export class TranslationEnv extends WorkerEnv {
  @Matches(/^[A-Za-z0-9+/=_-]{32,}$/, { message: 'SECRETS_KEY must be at least 32 characters of base64 or hex (e.g. `openssl rand -base64 32`)' })
  SECRETS_KEY: string;
}

export class DispatcherEnv extends WorkerEnv {
  /** How often the reconciler looks for messages whose job Redis lost. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RECONCILE_INTERVAL_SECONDS: number = 15;

  /** Unfinished work untouched this long, and without a job, is enqueued again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RECONCILE_STALE_SECONDS: number = 30;

  /**
   * A message claimed this long ago without a provider SID is looked up at the provider. Must
   * exceed the provider call's timeout (15 s), or a live send could be looked up too early.
   */
  @Transform(toInt)
  @IsInt()
  @Min(20)
  SENDING_STALE_SECONDS: number = 120;

  /** When the daily retention sweep runs: a cron pattern (minute hour day month weekday) in UTC. */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'RETENTION_CRON must be a cron pattern such as "17 3 * * *"' })
  RETENTION_CRON: string = '17 3 * * *';

  /** Optional here: with it, the reconciler also reports each district whose SMS secret cannot be read. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=_-]{32,}$/, { message: 'SECRETS_KEY must be at least 32 characters of base64 or hex (e.g. `openssl rand -base64 32`)' })
  SECRETS_KEY?: string;
}

export class SetupEnv extends BaseEnv {
  @IsString()
  DATABASE_ADMIN_URL: string = LOCAL_ADMIN_URL;
}

export class SandboxEnv {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SMS_SANDBOX_PORT: number = 4010;

  /** Where inbound "family" texts are posted unless an account names its own webhook URL. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: string = 'info';
}

/** `npm start`'s supervisor (tools/start.ts): when an app that exited is started again, and when Porchlight gives up. */
export class SupervisorEnv {
  /** This many exits of one app within CRASH_LOOP_SECONDS is a crash loop: every app is stopped. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CRASH_LOOP_EXITS: number = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  CRASH_LOOP_SECONDS: number = 60;

  /** Restarts wait 1 s, 2 s, 4 s … up to this. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RESTART_DELAY_MAX_SECONDS: number = 30;

  /** The apps' own grace period; a stop waits this long, and 10 s more, before it kills what still runs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SHUTDOWN_GRACE_SECONDS: number = 25;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Validates the environment against `cls`; throws a `ConfigError` that names each bad variable. */
export function loadEnv<T extends object>(cls: new () => T, source: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`),
    );
  }
  return env;
}

/** For `main.ts`: load or exit with a message naming the variable. */
export function loadEnvOrExit<T extends object>(cls: new () => T): T {
  try {
    return loadEnv(cls);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
