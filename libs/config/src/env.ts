import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { IsIn, IsInt, IsIP, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync, ValidateBy } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;
const hostList = (value: string | undefined) => (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);

/** Comma-separated host names or IP addresses (IPv6 with or without brackets): no scheme, port or path. */
function IsHostList() {
  return ValidateBy({
    name: 'isHostList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && hostList(value).every((entry) => HOST_NAME.test(entry) || isIP(entry.replace(/^\[(.*)\]$/, '$1')) !== 0),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be comma-separated host names or IP addresses, without scheme, port or path`,
    },
  });
}

const ORIGIN = String.raw`https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?`;
const ORIGIN_LIST = new RegExp(`^\\s*${ORIGIN}\\s*(?:,\\s*${ORIGIN}\\s*)*$`);

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

  /**
   * Hosts a district's provider URL may name although they are private or plain http, such as a
   * LibreTranslate inside the cluster: matched against the host as written in the URL.
   */
  @IsOptional()
  @IsHostList()
  PROVIDER_HOST_ALLOWLIST?: string;
}

/** The operator's allow-list of provider hosts, one entry per host. */
export function providerHostAllowlist(env: BaseEnv): string[] {
  return hostList(env.PROVIDER_HOST_ALLOWLIST);
}

/** The platform fallback as provider settings (none when unset). */
export function translationFallbacks(env: BaseEnv): { provider: 'libretranslate'; url: string; apiKey?: string }[] {
  return env.TRANSLATION_FALLBACK_URL ? [{ provider: 'libretranslate', url: env.TRANSLATION_FALLBACK_URL, apiKey: env.TRANSLATION_FALLBACK_API_KEY }] : [];
}

const SECRETS_KEY_FORM = /^[A-Za-z0-9+/=_-]{32,}$/;
const IsSecretsKey = (name: string) => Matches(SECRETS_KEY_FORM, { message: `${name} must be at least 32 characters of base64 or hex (e.g. \`openssl rand -base64 32\`)` });

/** Processes that hold tenants' secrets (the API, the delivery workers). */
export class SecretsEnv extends BaseEnv {
  @IsSecretsKey('SECRETS_KEY')
  SECRETS_KEY: string;

  /**
   * The key SECRETS_KEY replaces, during a rotation: secrets sealed and access tokens signed with
   * it are still read until `npm run secrets:reseal` has run and the tokens have expired.
   */
  @IsOptional()
  @IsSecretsKey('SECRETS_KEY_PREVIOUS')
  SECRETS_KEY_PREVIOUS?: string;

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

  /**
   * Origins whose pages may call the API from a browser (CORS), comma-separated, e.g.
   * `https://portal.springfield.k12.us`. Unset: none, and the portal the API serves itself needs none.
   */
  @IsOptional()
  @Matches(ORIGIN_LIST, { message: 'CORS_ORIGINS must be comma-separated origins such as https://portal.example.org (scheme, host and port only)' })
  CORS_ORIGINS?: string;

  /** Failed sign-ins to one account (district and e-mail) in a row before the first lock. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_FREE_FAILURES: number = 5;

  /** The account's first lock; each further failure doubles it, up to LOGIN_MAX_LOCK_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_LOCK_SECONDS: number = 30;

  /** Failed sign-ins from one client address (any accounts) within LOGIN_ADDRESS_WINDOW_SECONDS before it is locked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_FAILURES: number = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_WINDOW_SECONDS: number = 15 * 60;

  /** The longest a sign-in lock lasts. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_LOCK_SECONDS: number = 15 * 60;

  /** Calls one access token may make per minute before the API answers 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  TOKEN_CALLS_PER_MINUTE: number = 1200;

  /** The built staff portal the API serves at `/` (`npm run build` writes it). Unset: `dist/portal`. */
  @IsOptional()
  @IsString()
  PORTAL_DIR?: string;
}

/** The origins `CORS_ORIGINS` lists (none when unset). */
export function corsOrigins(env: ApiEnv): string[] {
  return (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
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
  @IsSecretsKey('SECRETS_KEY')
  SECRETS_KEY: string;

  @IsOptional()
  @IsSecretsKey('SECRETS_KEY_PREVIOUS')
  SECRETS_KEY_PREVIOUS?: string;
}

/** `npm run secrets:reseal`: the application role's database URL and both keys. */
export class ResealEnv extends BaseEnv {
  @IsSecretsKey('SECRETS_KEY')
  SECRETS_KEY: string;

  @IsOptional()
  @IsSecretsKey('SECRETS_KEY_PREVIOUS')
  SECRETS_KEY_PREVIOUS?: string;
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
  @IsSecretsKey('SECRETS_KEY')
  SECRETS_KEY?: string;

  /** During a rotation: a secret sealed with the key SECRETS_KEY replaces still counts as readable. */
  @IsOptional()
  @IsSecretsKey('SECRETS_KEY_PREVIOUS')
  SECRETS_KEY_PREVIOUS?: string;
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

  /**
   * Processes of the API and of the delivery worker (default: one per core); `<APP>_WORKERS`
   * (e.g. `DELIVERY_WORKERS`, `CONTACTS_WORKERS`) sets one app's count.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKERS?: number;

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
