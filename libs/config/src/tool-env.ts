import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUrl, Min } from 'class-validator';
import { toInt } from './env-rules';

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
   * Processes of the API and of the delivery worker (default: one per core but one, at least one); `<APP>_WORKERS`
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
