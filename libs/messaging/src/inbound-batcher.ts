import { JobName } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { JobProducer, JobRequest } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { TenantGroupCommit } from './group-commit';

/** A text a phone sent, as Twilio posted it, made storable (`storableText`). */
export interface InboundText {
  /** Twilio's MessageSid: the same text posted twice is stored once. */
  sid: string;
  from: string;
  body: string;
}

/** The row a text was stored as, or that it was a MessageSid already stored. */
export type StoredInbound = { messageId: string; duplicate: false } | { messageId?: undefined; duplicate: true };

interface Received extends InboundText {
  /** The request's, for its job (the job is enqueued outside the request's scope). */
  correlationId: string | undefined;
}

/**
 * Families' replies, stored once per MessageSid and handed to the inbound worker. A broadcast
 * brings them by the hundred within seconds, so rather than a transaction and a Redis round trip
 * each they are group-committed per tenant (`TenantGroupCommit`, as status callbacks are): a lone
 * reply is written at once, and the replies that arrive while a statement of the tenant's is being
 * written go together in the next one — one multi-row insert that skips MessageSids already
 * stored, in one round trip (`record_inbound_messages`) — then the jobs of the rows it wrote are
 * enqueued with one `addBulk` (ids derived from the rows, so the same row is always the same job).
 * Each request is answered only once its row is committed and its job is in Redis; a process that
 * dies between the two leaves rows the reconciler finds unprocessed and enqueues again. A
 * MessageSid twice in one batch is written once, the later ones answered as duplicates, as they
 * are across batches.
 */
export class InboundBatcher {
  private readonly batches: TenantGroupCommit<Received, StoredInbound>;

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    maxBatch = 500,
  ) {
    this.batches = new TenantGroupCommit((tenantId, batch) => this.write(tenantId, batch), maxBatch);
  }

  receive(tenantId: string, text: InboundText): Promise<StoredInbound> {
    return this.batches.submit(tenantId, { sid: text.sid, from: text.from, body: text.body, correlationId: TenantContext.correlationId() });
  }

  private async write(tenantId: string, batch: Received[]): Promise<StoredInbound[]> {
    const first = new Map<string, Received>();
    for (const entry of batch) if (!first.has(entry.sid)) first.set(entry.sid, entry);
    const entries = [...first.values()];
    // One statement (record_inbound_messages): rows stamped in the order the texts came.
    const rows = await this.db.call<{ id: string; provider_sid: string }>('record_inbound_messages', tenantId, [
      entries.map((e) => e.sid),
      entries.map((e) => e.from),
      entries.map((e) => e.body),
    ]);
    const stored = new Map(rows.map((row) => [row.provider_sid, row.id]));
    if (rows.length > 0) {
      const jobs: JobRequest[] = rows.map((row) => ({
        name: JobName.ProcessInbound,
        tenantId,
        messageId: row.id,
        correlationId: first.get(row.provider_sid)?.correlationId,
      }));
      await this.jobs.addBulk(jobs);
    }
    return batch.map((entry): StoredInbound => {
      const messageId = first.get(entry.sid) === entry ? stored.get(entry.sid) : undefined;
      return messageId === undefined ? { duplicate: true } : { messageId, duplicate: false };
    });
  }
}
