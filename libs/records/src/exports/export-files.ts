import { TenantDb } from '@porchlight/database';
import { TenantContext } from '@porchlight/tenancy';
import { Readable, Writable } from 'node:stream';

/** The size of one stored piece of an export, as uploads are stored (see `import_file_chunks`). */
export const EXPORT_CHUNK_BYTES = 1024 * 1024;

/**
 * A writable that stores what it is given in `export_chunks`, 1 MiB per row, each row in its own
 * short transaction: a zip of any size passes through without being held in memory or in one
 * transaction. `bytes` counts what was written.
 */
export class ExportChunkWriter extends Writable {
  bytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private readonly tenantId = TenantContext.tenantId();

  constructor(private readonly db: TenantDb, private readonly exportId: string) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    if (this.pendingBytes < EXPORT_CHUNK_BYTES) return callback();
    this.flush(EXPORT_CHUNK_BYTES).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush(1).then(() => callback(), callback);
  }

  /** Stores whole chunks while at least `min` bytes wait (the last, shorter one at the end). */
  private async flush(min: number): Promise<void> {
    while (this.pendingBytes >= min && this.pendingBytes > 0) {
      const all = Buffer.concat(this.pending, this.pendingBytes);
      const data = all.subarray(0, EXPORT_CHUNK_BYTES);
      const rest = all.subarray(data.length);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
      const seq = this.seq++;
      await this.db.txFor(this.tenantId, (m) =>
        m.query(`insert into export_chunks (tenant_id, export_id, seq, data) values ($1, $2, $3, $4)`, [this.tenantId, this.exportId, seq, data]),
      );
    }
  }
}

/** A stored export as a stream of its bytes, one chunk (and one short transaction) at a time. */
export function readExportFile(db: TenantDb, exportId: string): Readable {
  const tenantId = TenantContext.tenantId();
  async function* chunks() {
    for (let seq = 0; ; seq += 1) {
      const [row] = await db.txFor(tenantId, (m) => m.query(`select data from export_chunks where export_id = $1 and seq = $2`, [exportId, seq]));
      if (!row) return;
      yield row.data as Buffer;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Deletes an export's stored bytes, a few chunks per statement (and transaction); answers how many chunks went. */
export async function deleteExportChunks(db: TenantDb, tenantId: string, exportId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [{ count }] = await db.txFor(tenantId, (m) =>
      m.query(
        `with gone as (
           delete from export_chunks where export_id = $1 and seq in (select seq from export_chunks where export_id = $1 order by seq limit 64)
           returning 1
         ) select count(*)::int as count from gone`,
        [exportId],
      ),
    );
    deleted += count;
    if (count < 64) return deleted;
  }
}

/** Deletes an export's stored bytes and marks it purged: it can no longer be downloaded. */
export async function purgeExportFile(db: TenantDb, tenantId: string, exportId: string): Promise<number> {
  const deleted = await deleteExportChunks(db, tenantId, exportId);
  await db.txFor(tenantId, (m) => m.query(`update exports set purged_at = coalesce(purged_at, now()), updated_at = now() where id = $1`, [exportId]));
  return deleted;
}
