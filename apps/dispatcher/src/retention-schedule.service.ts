import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobProducer } from '@porchlight/queue';
import { scheduleRetention } from '@porchlight/records';

export const RETENTION_CRON = Symbol('RETENTION_CRON');

/**
 * Registers the daily retention sweep when the dispatcher starts. Every dispatcher does; the one
 * scheduler id keeps it one sweep. Redis may not be reachable yet: it tries again, waiting longer
 * each time, until it is.
 */
@Injectable()
export class RetentionScheduleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduleService.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private markScheduled!: () => void;
  /** Settles once this process has registered the schedule. */
  readonly scheduled = new Promise<void>((resolve) => (this.markScheduled = resolve));

  constructor(
    private readonly jobs: JobProducer,
    @Inject(RETENTION_CRON) private readonly pattern: string,
  ) {}

  onApplicationBootstrap(): void {
    this.register(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private register(attempt: number): void {
    scheduleRetention(this.jobs, this.pattern).then(
      () => {
        this.logger.log({ msg: 'retention sweep scheduled', pattern: this.pattern });
        this.markScheduled();
      },
      (error: unknown) => {
        if (this.stopped) return;
        const waitMs = Math.min(60_000, 1000 * 2 ** attempt);
        this.logger.warn({ msg: 'could not schedule the retention sweep yet', err: (error as Error).message, retryInMs: waitMs });
        this.timer = setTimeout(() => {
          this.register(attempt + 1);
        }, waitMs);
      },
    );
  }
}
