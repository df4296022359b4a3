import { DomainError } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { FileEncoding } from '../data/import-file.entity';
import { completeImportFile, importFileChunk, importFiles, insertImportFile, insertImportFileChunk } from '../data/imports.repository';

export const CHUNK_BYTES = 1024 * 1024;

/** Bytes Windows-1252 leaves undefined: a file holding one is neither UTF-8 nor Windows-1252. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Watches a file's bytes go by and says which encoding it is in: UTF-8 (with or without BOM)
 * when every byte sequence is valid UTF-8, Windows-1252 otherwise (what Excel on Windows saves
 * as "CSV"), and refuses UTF-16 and bytes no Windows-1252 text contains.
 */
export class EncodingSniffer {
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private isUtf8 = true;
  private cp1252Possible = true;
  private first = true;

  push(chunk: Buffer): void {
    if (this.first) {
      this.first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        throw new DomainError('invalid', 'the file is UTF-16; save it as CSV UTF-8');
      }
    }
    if (this.isUtf8) {
      try {
        this.utf8.decode(chunk, { stream: true });
      } catch {
        this.isUtf8 = false;
      }
    }
    if (this.cp1252Possible) for (const byte of chunk) if (CP1252_UNDEFINED.has(byte) || byte === 0) this.cp1252Possible = false;
  }

  /** The encoding, once every byte has been seen. */
  finish(): FileEncoding {
    if (this.isUtf8) {
      try {
        this.utf8.decode();
        return 'utf-8';
      } catch {
        // a truncated sequence at the very end
      }
    }
    if (this.cp1252Possible) return 'windows-1252';
    throw new DomainError('invalid', 'the file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8');
  }
}

/**
 * Writes one uploaded file into `import_files` / `import_file_chunks` in 1 MiB chunks as it
 * streams in, detecting its encoding on the way. Runs inside the caller's tenant transaction.
 */
export async function storeImportFile(
  m: EntityManager,
  tenantId: string,
  importId: string,
  name: string,
  source: Readable,
): Promise<{ size: number; encoding: FileEncoding }> {
  const fileId = await insertImportFile(m, { tenantId, importId, name });
  const sniffer = new EncodingSniffer();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let size = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await insertImportFileChunk(m, { tenantId, fileId, seq: seq++, data });
  };
  for await (const piece of source) {
    const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string);
    try {
      sniffer.push(chunk);
    } catch (error: unknown) {
      throw error instanceof DomainError ? new DomainError('invalid', `${name}: ${error.message}`) : error;
    }
    size += chunk.length;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  let encoding: FileEncoding;
  try {
    encoding = sniffer.finish();
  } catch (error: unknown) {
    throw error instanceof DomainError ? new DomainError('invalid', `${name}: ${error.message}`) : error;
  }
  await completeImportFile(m, fileId, size, encoding);
  return { size, encoding };
}

export interface StoredFile {
  id: string;
  name: string;
  encoding: FileEncoding;
  size: number;
}

export async function listImportFiles(db: TenantDb, importId: string): Promise<StoredFile[]> {
  return db.tx(async (m) => (await importFiles(m, importId)).map((f) => ({ id: f.id, name: f.name, encoding: f.encoding, size: Number(f.size) })));
}

/** A stored file as a stream of its bytes, one chunk (and one short transaction) at a time. */
export function readImportFile(db: TenantDb, fileId: string): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq += 1) {
      const data = await db.tx((m) => importFileChunk(m, fileId, seq));
      if (!data) return;
      yield data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
