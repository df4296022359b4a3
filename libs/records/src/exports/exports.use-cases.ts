import { Logger } from '@nestjs/common';
import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { rows, TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { Readable } from 'node:stream';
import { purgeExportFile, readExportFile } from './export-files';
import { ExportCounts } from './export-tables';

/** How long a finished export waits for its download before the retention job deletes it. */
export const EXPORT_KEEP_DAYS = 7;

export interface ExportView {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  /** Rows per file, once completed. */
  counts: ExportCounts;
  /** Bytes of the zip, once completed. */
  size: number;
  failure: string | null;
  /** The zip waits for its one download. */
  available: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  downloadedAt: string | null;
  /** When the zip is deleted if nobody downloads it. */
  expiresAt: string | null;
}

export interface ExportDownload {
  fileName: string;
  size: number;
  /** The zip's bytes; once this stream closes (read to the end or cut short), they are deleted. */
  stream: Readable;
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/** An `exports` row as Postgres returns it (`size` is a bigint, read as text). */
interface ExportRow {
  id: string;
  status: ExportView['status'];
  counts: ExportCounts;
  size: string | number | null;
  failure: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  downloaded_at: Date | string | null;
  purged_at: Date | string | null;
}

const toView = (r: ExportRow): ExportView => ({
  id: r.id,
  status: r.status,
  counts: r.counts,
  size: Number(r.size),
  failure: r.failure,
  available: r.status === 'completed' && r.downloaded_at === null && r.purged_at === null,
  createdAt: new Date(r.created_at).toISOString(),
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
  downloadedAt: iso(r.downloaded_at),
  expiresAt: r.finished_at && r.status === 'completed' ? new Date(new Date(r.finished_at).getTime() + EXPORT_KEEP_DAYS * 86_400_000).toISOString() : null,
});

/**
 * District exports: a district admin asks for one, a job in the contacts app builds it, and the
 * same admin downloads it once; the bytes are deleted as the download ends. Each export belongs
 * to its requester: any other user is told it does not exist.
 */
export class ExportsUseCases {
  private readonly logger = new Logger(ExportsUseCases.name);

  constructor(private readonly db: TenantDb, private readonly jobs: JobProducer) {}

  async start(actor: StaffPrincipal): Promise<{ id: string }> {
    this.checkRole(actor);
    const id = await this.db.tx(async (m) => {
      const [row] = await m.query(`insert into exports (tenant_id, requested_by) values ($1, $2) returning id`, [actor.tenantId, actor.userId]);
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'export.requested', subjectType: 'export', subjectId: row.id });
      return row.id as string;
    });
    await this.jobs.add({ name: JobName.BuildExport, tenantId: actor.tenantId, exportId: id });
    return { id };
  }

  async get(actor: StaffPrincipal, id: string): Promise<ExportView> {
    this.checkRole(actor);
    const [row] = await this.db.tx((m) => m.query(`select * from exports where id = $1 and requested_by = $2`, [id, actor.userId]));
    if (!row) throw DomainError.notFound('export');
    return toView(row);
  }

  /**
   * The one download: claimed in the same transaction that audits it, so a second request, even
   * while the first is still streaming, answers 410.
   */
  async download(actor: StaffPrincipal, id: string): Promise<ExportDownload> {
    this.checkRole(actor);
    const tenantId = actor.tenantId;
    const claimed = await this.db.tx(async (m) => {
      const [row] = await rows(
        m,
        `update exports set downloaded_at = now(), updated_at = now()
         where id = $1 and requested_by = $2 and status = 'completed' and downloaded_at is null and purged_at is null
         returning size, created_at`,
        [id, actor.userId],
      );
      if (!row) return null;
      await audit(m, tenantId, { actorUserId: actor.userId, action: 'export.downloaded', subjectType: 'export', subjectId: id, data: { size: Number(row.size) } });
      return row;
    });
    if (!claimed) {
      const view = await this.get(actor, id);
      if (view.status === 'queued' || view.status === 'running') throw new DomainError('conflict', 'the export is not ready yet; follow GET /api/v1/exports/:id');
      if (view.status === 'failed') throw new DomainError('gone', `the export failed: ${view.failure ?? 'unknown reason'}`);
      throw new DomainError('gone', view.downloadedAt ? 'the export was already downloaded; ask for a new one' : 'the export expired; ask for a new one');
    }
    const stream = readExportFile(this.db, id);
    stream.once('close', () => {
      purgeExportFile(this.db, tenantId, id).catch((error: Error) => this.logger.error({ msg: 'could not delete a downloaded export', exportId: id, err: error.message }));
    });
    return { fileName: `porchlight-export-${new Date(claimed.created_at).toISOString().slice(0, 10)}-${id.slice(0, 8)}.zip`, size: Number(claimed.size), stream };
  }

  private checkRole(actor: StaffPrincipal): void {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can export the district');
  }
}
