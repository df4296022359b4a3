import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { toInt, hostList, IsHostList, LOCAL_DATABASE_URL, IsSecretsKey } from './env-rules';

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
