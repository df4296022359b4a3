import { JobName, jobId, messagePriority, priorityOption } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { markMessagesQueued, pendingMessageDelays } from '@porchlight/messaging';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';

const CHUNK = 5000;

/**
 * Hands written survey message rows to delivery: `message.send` jobs under the same deterministic
 * ids as every message (`msg-<id>`), a row's wait for its sending window as the job's delay, then
 * the rows marked `queued`. Rows whose job is lost are found again by the reconciler.
 * `prioritise`: the position in a broadcast counts, as for a normal notice (first questions);
 * follow-ups to an answer go ahead of broadcasts, as other replies do.
 */
export async function enqueueSurveyMessages(db: TenantDb, jobs: JobProducer, ids: string[], prioritise: boolean): Promise<number> {
  const tenantId = TenantContext.tenantId();
  const correlationId = TenantContext.correlationId() ?? 'survey';
  let enqueued = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.tx((m) => pendingMessageDelays(m, ids.slice(i, i + CHUNK)));
    if (rows.length === 0) continue;
    await jobs.enqueueBulk(
      rows.map((row, j) => ({
        job: { name: JobName.SendMessage, data: { tenantId, correlationId, messageId: row.id } },
        options: {
          jobId: jobId.sendMessage(row.id),
          ...(prioritise ? priorityOption(messagePriority('normal', enqueued + j)) : {}),
          ...(row.delay_ms > 0 ? { delay: row.delay_ms } : {}),
        },
      })),
    );
    await db.tx((m) =>
      markMessagesQueued(
        m,
        rows.map((r) => r.id),
      ),
    );
    enqueued += rows.length;
  }
  return enqueued;
}
