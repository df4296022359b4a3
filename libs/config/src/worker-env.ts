import { Transform } from 'class-transformer';
import { IsInt, IsIP, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toInt, LOCAL_ADMIN_URL, IsSecretsKey } from './env-rules';
import { BaseEnv, SecretsEnv } from './base-env';

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

  /**
   * A message the provider took that is still `sending` or `sent` this long after the last news
   * of it (its final status callback lost) has its status looked up at the provider.
   */
  @Transform(toInt)
  @IsInt()
  @Min(20)
  STATUS_STALE_SECONDS: number = 900;

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
