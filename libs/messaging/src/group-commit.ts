interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit per tenant, for the writes every message brings (status callbacks, families'
 * replies): rather than one transaction per request, while one batch of a tenant's is being
 * written the items that arrive meanwhile wait, and are written together in the next batch as soon
 * as it is done. A lone item is written at once; under load the batches grow with the load (up to
 * `maxBatch`), with no timer in between. Each caller is answered only once its batch is written —
 * `write` returns one result per item, in order — and a batch that fails rejects every caller in it.
 */
export class TenantGroupCommit<T, R> {
  private readonly pending = new Map<string, Waiting<T, R>[]>();
  /** Tenants with a batch being written now. */
  private readonly writing = new Set<string>();

  constructor(
    private readonly write: (tenantId: string, items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(tenantId: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const list = this.pending.get(tenantId) ?? [];
      list.push({ item, resolve, reject });
      this.pending.set(tenantId, list);
      if (!this.writing.has(tenantId)) void this.flush(tenantId);
    });
  }

  private async flush(tenantId: string): Promise<void> {
    const waiting = this.pending.get(tenantId);
    if (!waiting || waiting.length === 0) return;
    const batch = waiting.splice(0, this.maxBatch);
    if (waiting.length === 0) this.pending.delete(tenantId);
    this.writing.add(tenantId);
    try {
      const items = batch.map((entry) => entry.item);
      const results = await this.write(tenantId, items);
      for (const [i, entry] of batch.entries()) entry.resolve(results[i]);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.writing.delete(tenantId);
      void this.flush(tenantId);
    }
  }
}
