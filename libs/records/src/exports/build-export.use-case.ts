import { Injectable, Logger } from '@nestjs/common';
import { query, TenantDb } from '@porchlight/database';
import { TenantContext } from '@porchlight/tenancy';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { ZipFile } from 'yazl';
import { districtName } from '../data/record.queries';
import { claimExportBuild, completeExport, failExport } from '../data/exports.repository';
import { csvLine, UTF8_BOM } from './csv';
import { deleteExportChunks, ExportChunkWriter, purgeExportFile } from './export-files';
import { EXPORT_TABLES, ExportCounts, exportReadme, ExportTable } from './export-tables';

/** Rows fetched from a cursor at a time: small enough for memory, large enough for few round trips. */
const FETCH_ROWS = 2000;

/**
 * Builds one district export (the `export.build` job): every table of `EXPORT_TABLES` read
 * through a Postgres cursor inside one read-only snapshot, written as CSV rows as they come into a
 * streaming zip, which is stored in 1 MiB chunks as it grows. Nothing is held whole in memory.
 * Safe to run again: a completed or failed export is left alone; a run cut short starts over,
 * throwing away the chunks it had stored.
 */
@Injectable()
export class BuildExportUseCase {
  private readonly logger = new Logger(BuildExportUseCase.name);

  constructor(private readonly db: TenantDb) {}

  async execute(exportId: string): Promise<void> {
    const tenantId = TenantContext.tenantId();
    const district = await this.db.tx(async (m) => ((await claimExportBuild(m, exportId)) ? districtName(m, tenantId) : undefined));
    if (district === undefined) return;

    await deleteExportChunks(this.db, tenantId, exportId);
    const writer = new ExportChunkWriter(this.db, exportId);
    const counts = await this.db.snapshot((m) => writeZip(m, district, writer));
    await this.db.tx((m) => completeExport(m, exportId, counts, writer.bytes));
    this.logger.log({ msg: 'export built', exportId, bytes: writer.bytes, ...counts });
  }

  /** The job gave up: say so, and drop what it had stored. */
  async giveUp(exportId: string, reason: string): Promise<void> {
    const tenantId = TenantContext.tenantId();
    await this.db.tx((m) => failExport(m, exportId, `the export stopped after several tries: ${reason}`));
    await purgeExportFile(this.db, tenantId, exportId);
  }
}

/** Writes the zip of every export table into `out`; answers the rows per table. */
async function writeZip(m: EntityManager, district: string, out: ExportChunkWriter): Promise<ExportCounts> {
  const counts: ExportCounts = {};
  const mtime = new Date();
  const zip = new ZipFile();
  const written = new Promise<void>((resolve, reject) => {
    // A failing table stream is reported on the zip, not on its output.
    zip.on('error', (error: Error) => {
      out.destroy(error);
      reject(error);
    });
    pipeline(zip.outputStream, out).then(resolve, reject);
  });
  zip.addBuffer(Buffer.from(exportReadme(district, mtime)), 'README.txt', { mtime });
  for (const table of EXPORT_TABLES) {
    zip.addReadStreamLazy(table.file, { mtime }, (done) => {
      done(null, Readable.from(tableCsv(m, table, counts)));
    });
  }
  zip.end();
  await written;
  return counts;
}

/** One table as CSV, read through a cursor `FETCH_ROWS` rows at a time. */
async function* tableCsv(m: EntityManager, table: ExportTable, counts: ExportCounts): AsyncGenerator<Buffer> {
  const cursor = `export_${table.key.toLowerCase()}`;
  await query(m, `declare ${cursor} no scroll cursor for ${table.sql}`);
  yield Buffer.from(UTF8_BOM + csvLine(table.columns));
  let count = 0;
  for (;;) {
    const batch = await query<Record<string, unknown>>(m, `fetch forward ${String(FETCH_ROWS)} from ${cursor}`);
    if (batch.length === 0) break;
    count += batch.length;
    yield Buffer.from(batch.map((row) => csvLine(table.columns.map((column) => row[column]))).join(''));
  }
  await query(m, `close ${cursor}`);
  counts[table.key] = count;
}
