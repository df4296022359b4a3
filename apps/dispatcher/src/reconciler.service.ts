import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SurveySweep } from '@porchlight/engagement';
import { Reconciler } from '@porchlight/messaging';
import { ExportsReconciler } from '@porchlight/records';

export const RECONCILE_INTERVAL_MS = Symbol('RECONCILE_INTERVAL_MS');

/** Runs the reconcilers (messaging work, district exports, then surveys: closing, reminders, waiting surveys, survey jobs Redis lost) on a timer; one sweep at a time. */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly reconciler: Reconciler,
    private readonly exports: ExportsReconciler,
    private readonly surveys: SurveySweep,
    @Inject(RECONCILE_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.reconciler
        .sweep()
        .then(() => this.exports.sweep())
        .then(() => this.surveys.sweep())
        .catch((error: unknown) => {
          this.logger.error({ msg: 'reconcile failed', err: (error as Error).message });
        })
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
