export interface RestartPolicyOptions {
  /** Wait before the first restart; each quick exit doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** An app that ran this long before it exited starts again after the first delay. */
  stableMs: number;
  /** This many exits within `crashLoopWindowMs` is a crash loop: Porchlight stops. */
  crashLoopExits: number;
  crashLoopWindowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableMs: 60_000,
  crashLoopExits: 5,
  crashLoopWindowMs: 60_000,
};

export type RestartDecision = { restartInMs: number } | { crashLoop: { exits: number; withinMs: number } };

/** One app's restarts: growing delays (1 s, 2 s, 4 s … capped), reset by a good run; a crash loop ends them. */
export class RestartPolicy {
  private exits: number[] = [];
  private nextDelayMs: number;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {
    this.nextDelayMs = options.firstDelayMs;
  }

  /** The app exited at `now` (ms) after running `ranMs`: when to start it again, or that it is crash-looping. */
  onExit(now: number, ranMs: number): RestartDecision {
    const { crashLoopExits, crashLoopWindowMs, firstDelayMs, maxDelayMs, stableMs } = this.options;
    this.exits = [...this.exits.filter((at) => now - at < crashLoopWindowMs), now];
    if (this.exits.length >= crashLoopExits) return { crashLoop: { exits: this.exits.length, withinMs: now - this.exits[0] } };
    if (ranMs >= stableMs) this.nextDelayMs = firstDelayMs;
    const restartInMs = this.nextDelayMs;
    this.nextDelayMs = Math.min(restartInMs * 2, maxDelayMs);
    return { restartInMs };
  }
}
