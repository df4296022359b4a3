import { Injectable, Logger } from '@nestjs/common';
import { JobName } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { TenantSms } from '@porchlight/identity';
import { JobProducer, JobRequest, RetryLaterError } from '@porchlight/queue';
import { measureSms, ProviderError } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { releaseClaim, sendingWindowWaits } from './data/message-sending';
import { Claimed, SendAttempt, SendMessageUseCase, senderKey } from './send-message.use-case';
import { SenderRateLimiter } from './sender-rate-limiter';
import { TenantSmsCache } from './tenant-sms-cache';

/**
 * Batches one delivery process claims and sends at once, and provider calls each keeps in flight:
 * together what its keep-alive pool carries (64 calls). Other batch jobs in the worker's hands wait
 * for a turn before they claim anything, the one of the highest BullMQ priority first, so a process
 * holds at most BATCHES_AT_ONCE × MAX_BATCH claimed rows of each kind, and a turn frees every batch
 * or so. Emergencies (no priority) take turns of their own, beside those of other notices.
 */
export const BATCHES_AT_ONCE = 8;
export const CALLS_PER_BATCH = 8;

/** What became of a batch's messages. */
export interface BatchReport {
  sent: number;
  suppressed: number;
  /** Left the batch as a `message.send` job of their own: refused for now by the provider, held back by the sender's pace, or waiting for their window. */
  retried: number;
  failed: number;
  /** The provider's answer was lost: looked up before any resend. */
  resolving: number;
  /** Still claimed without a SID after an unexpected error: the reconciler looks them up. */
  unsettled: number;
}

/** At most `size` holders at once; waiters are let in lowest rank first, in order of arrival within a rank. */
export class RankedGate {
  private active = 0;
  private readonly waiting = new Map<number, (() => void)[]>();

  constructor(private readonly size: number) {}

  async run<T>(rank: number, work: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.set(rank, [...(this.waiting.get(rank) ?? []), resolve]));
    try {
      return await work();
    } finally {
      this.next();
    }
  }

  /** Hands the holder's place to the first waiter of the lowest rank, or frees it. */
  private next(): void {
    if (this.waiting.size === 0) {
      this.active -= 1;
      return;
    }
    const rank = Math.min(...this.waiting.keys());
    const queue = this.waiting.get(rank) ?? [];
    const first = queue.shift();
    if (queue.length === 0) this.waiting.delete(rank);
    first?.();
  }
}

/** `work` over every item, at most `limit` at a time, each outcome in the items' order. */
async function settleEach<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const outcomes: PromiseSettledResult<R>[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        outcomes[i] = { status: 'fulfilled', value: await work(items[i]) };
      } catch (reason: unknown) {
        outcomes[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return outcomes;
}

/**
 * Sends a batch of one notice's message rows (`message.send-batch`). One statement claims every
 * row with the guarded transitions of a single send (`claim_messages`: `pending`/`queued` →
 * `sending`, or `suppressed` when the phone opted out since fan-out; rows sent, claimed elsewhere
 * or outside their window are left alone), so a duplicated or retried batch job never sends twice.
 * The provider is called for the claimed rows in parallel (CALLS_PER_BATCH at a time, in one of the
 * process's BATCHES_AT_ONCE turns),
 * and one statement stores every SID (`record_provider_sids`). A refusal is settled exactly as a
 * single send settles it (`SendMessageUseCase.settleProviderError`); a message to be tried again
 * leaves the batch as its own `message.send` job, so the batch job itself runs once and ends.
 *
 * A worker that dies between the claim and the SID write leaves its rows `sending` without a SID:
 * the reconciler has them looked up at the provider before anything is sent again.
 */
@Injectable()
export class SendBatchUseCase {
  private readonly logger = new Logger(SendBatchUseCase.name);
  private readonly turns = new RankedGate(BATCHES_AT_ONCE);
  /** Emergencies' batches (no priority) have turns of their own: they never wait for a normal batch to finish. */
  private readonly emergencyTurns = new RankedGate(BATCHES_AT_ONCE);

  constructor(
    private readonly db: TenantDb,
    private readonly credentials: TenantSmsCache,
    private readonly rateLimiter: SenderRateLimiter,
    private readonly jobs: JobProducer,
    private readonly single: SendMessageUseCase,
  ) {}

  /**
   * `priority`: the batch job's BullMQ priority, which ranks it for a turn (lower first).
   * `stopping`: whether the worker is shutting down; a batch that gets its turn then claims nothing
   * and goes back to the queue, so a stopping worker finishes only the batches it had started.
   */
  async execute(messageIds: string[], attempt: SendAttempt, turn: { priority?: number; stopping?: () => boolean } = {}): Promise<BatchReport> {
    const priority = turn.priority ?? 0;
    return (priority === 0 ? this.emergencyTurns : this.turns).run(priority, () => {
      if (turn.stopping?.()) throw new RetryLaterError(0, 'the worker is stopping: the batch goes back to the queue');
      return this.send(messageIds, attempt);
    });
  }

  private async send(messageIds: string[], attempt: SendAttempt): Promise<BatchReport> {
    const tenantId = TenantContext.tenantId();
    // Before the claim: a district whose secret cannot be read leaves its messages queued, waiting.
    const sms = await this.credentials.forSending(tenantId);
    const claimed = await this.db.call<Claimed>('claim_messages', tenantId, [messageIds]);
    const sending = claimed.filter((row) => row.status === 'sending');
    const report: BatchReport = { sent: 0, suppressed: claimed.length - sending.length, retried: 0, failed: 0, resolving: 0, unsettled: 0 };
    const retries: JobRequest[] = [];

    // Rows not claimed only because their window has not opened go when it does.
    const claimedIds = new Set(claimed.map((row) => row.id));
    const unclaimed = messageIds.filter((id) => !claimedIds.has(id));
    const waiting = unclaimed.length === 0 ? [] : await this.db.tx((m) => sendingWindowWaits(m, unclaimed));
    for (const row of waiting) {
      retries.push(this.retry(tenantId, row.id, row.urgency, row.wait_ms, attempt.attemptsMade));
    }

    // The sender's pace: what it allows now goes; the rest is released and tried again when it allows.
    const { granted, waitMs } = await this.paced(tenantId, sms, sending);
    const held = sending.slice(granted.length);
    if (held.length > 0) {
      await this.db.tx((m) =>
        releaseClaim(
          m,
          held.map((row) => row.id),
          undefined,
          true,
        ),
      );
      for (const row of held) retries.push(this.retry(tenantId, row.id, row.urgency, waitMs, attempt.attemptsMade));
    }

    const outcomes = await settleEach(granted, CALLS_PER_BATCH, (row) => this.single.sendClaimed(sms, row));
    const answers = outcomes.map((outcome, i) =>
      outcome.status === 'fulfilled'
        ? { row: granted[i], sid: outcome.value.sid, error: undefined }
        : { row: granted[i], sid: undefined, error: outcome.reason as unknown },
    );
    const accepted = answers.filter((answer): answer is typeof answer & { sid: string } => answer.sid !== undefined);
    if (accepted.length > 0) {
      await this.db.call('record_provider_sids', tenantId, [accepted.map((answer) => answer.row.id), accepted.map((answer) => answer.sid)]);
    }
    report.sent = accepted.length;

    for (const { row, error } of answers) {
      if (error === undefined) continue;
      if (!(error instanceof ProviderError)) {
        // As after a single send's unexpected error: the row stays claimed, and is looked up before any resend.
        report.unsettled += 1;
        this.logger.error({
          msg: 'unexpected error sending a message of a batch',
          messageId: row.id,
          err: error instanceof Error ? error.message : 'not an Error',
        });
        continue;
      }
      const verdict = await this.single.settleProviderError(row, error, attempt);
      if (verdict.outcome === 'resolving') report.resolving += 1;
      else if (verdict.outcome === 'failed') report.failed += 1;
      else retries.push(this.retry(tenantId, row.id, row.urgency, verdict.delayMs, attempt.attemptsMade + (verdict.spendsTry ? 1 : 0)));
    }
    if (retries.length > 0) await this.jobs.addBulk(retries);
    report.retried = retries.length;
    this.logger.debug({ msg: 'batch sent', messages: messageIds.length, ...report });
    return report;
  }

  /**
   * The longest prefix of `rows` the sender's messages-per-second allows now, asked of the shared
   * limiter in groups of at most one second's segments (one group when the batch fits, as fan-out
   * sizes batches by the pace); `waitMs` until it allows more. Everything when the sender has no pace.
   */
  private async paced(tenantId: string, sms: TenantSms, rows: Claimed[]): Promise<{ granted: Claimed[]; waitMs: number }> {
    const perSecond = sms.messagesPerSecond;
    if (!perSecond) return { granted: rows, waitMs: 0 };
    const sender = senderKey(tenantId, sms);
    let granted = 0;
    while (granted < rows.length) {
      let end = granted;
      let segments = 0;
      while (end < rows.length) {
        const next = measureSms(rows[end].body).segments;
        if (end > granted && segments + next > perSecond) break;
        segments += next;
        end += 1;
      }
      const waitMs = await this.rateLimiter.acquire(sender, segments, perSecond);
      if (waitMs > 0) return { granted: rows.slice(0, granted), waitMs };
      granted = end;
    }
    return { granted: rows, waitMs: 0 };
  }

  /** A message leaving the batch: its own `message.send` job, after `delayMs`, with the tries it has had counted. */
  private retry(tenantId: string, messageId: string, urgency: Claimed['urgency'], delayMs: number, triesBefore: number): JobRequest {
    return { name: JobName.SendMessage, tenantId, messageId, urgency, delayMs, triesBefore };
  }
}
