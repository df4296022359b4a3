import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { toInt, ORIGIN_LIST } from './env-rules';
import { SecretsEnv } from './base-env';

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

  /**
   * Survey CSV downloads one API process streams at once: each holds a database connection until
   * its reader is done (keep it well below DATABASE_POOL_SIZE). More are answered 429 with Retry-After.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SURVEY_CSV_DOWNLOADS_AT_ONCE: number = 3;

  /** The longest a survey CSV download may take: then it is cut short and its database connection released. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SURVEY_CSV_MAX_SECONDS: number = 15 * 60;

  /** The built staff portal the API serves at `/` (`npm run build` writes it). Unset: `dist/portal`. */
  @IsOptional()
  @IsString()
  PORTAL_DIR?: string;
}

/** The origins `CORS_ORIGINS` lists (none when unset). */
export function corsOrigins(env: ApiEnv): string[] {
  return (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}
