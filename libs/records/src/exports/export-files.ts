import { TenantDb } from '@porchlight/database';
import { TenantContext } from '@porchlight/tenancy';
import { Readable, Writable } from 'node:stream';
import { deleteExportChunkBatch, insertExportChunk, markExportPurged, readExportChunk } from '../data/exports.repository';

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

  constructor(
    private readonly db: TenantDb,
    private readonly exportId: string,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    if (this.pendingBytes < EXPORT_CHUNK_BYTES) {
      callback();
      return;
    }
    this.flush(EXPORT_CHUNK_BYTES).then(() => {
      callback();
    }, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush(1).then(() => {
      callback();
    }, callback);
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
      await this.db.txFor(this.tenantId, (m) => insertExportChunk(m, { tenantId: this.tenantId, exportId: this.exportId, seq, data }));
    }
  }
}

/** A stored export as a stream of its bytes, one chunk (and one short transaction) at a time. */
export function readExportFile(db: TenantDb, exportId: string): Readable {
  const tenantId = TenantContext.tenantId();
  async function* chunks() {
    for (let seq = 0; ; seq += 1) {
      const data = await db.txFor(tenantId, (m) => readExportChunk(m, exportId, seq));
      if (!data) return;
      yield data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Chunks deleted per statement: 64 MiB of rows at most in one transaction. */
const DELETE_CHUNKS_AT_ONCE = 64;

/** Deletes an export's stored bytes, a few chunks per statement (and transaction); answers how many chunks went. */
export async function deleteExportChunks(db: TenantDb, tenantId: string, exportId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await db.txFor(tenantId, (m) => deleteExportChunkBatch(m, exportId, DELETE_CHUNKS_AT_ONCE));
    deleted += count;
    if (count < DELETE_CHUNKS_AT_ONCE) return deleted;
  }
}

/** Deletes an export's stored bytes and marks it purged: it can no longer be downloaded. */
export async function purgeExportFile(db: TenantDb, tenantId: string, exportId: string): Promise<number> {
  const deleted = await deleteExportChunks(db, tenantId, exportId);
  await db.txFor(tenantId, (m) => markExportPurged(m, exportId));
  return deleted;
}
