import { Injectable, Logger } from '@nestjs/common';
import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { Readable } from 'node:stream';
import { ExportEntity, ExportStatus } from '../data/export.entity';
import { errorMessage } from '../error-message';
import { claimExportDownload, findExport, insertExport } from '../data/exports.repository';
import { purgeExportFile, readExportFile } from './export-files';
import { ExportCounts } from './export-tables';

/** How long a finished export waits for its download before the retention job deletes it. */
export const EXPORT_KEEP_DAYS = 7;

export interface ExportView {
  id: string;
  status: ExportStatus;
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

const iso = (value: Date | null) => value?.toISOString() ?? null;

const toView = (e: ExportEntity): ExportView => ({
  id: e.id,
  status: e.status,
  counts: e.counts,
  size: e.size,
  failure: e.failure,
  available: e.status === 'completed' && e.downloadedAt === null && e.purgedAt === null,
  createdAt: e.createdAt.toISOString(),
  startedAt: iso(e.startedAt),
  finishedAt: iso(e.finishedAt),
  downloadedAt: iso(e.downloadedAt),
  expiresAt: e.finishedAt && e.status === 'completed' ? new Date(e.finishedAt.getTime() + EXPORT_KEEP_DAYS * 86_400_000).toISOString() : null,
});

/**
 * District exports: a district admin asks for one, a job in the contacts app builds it, and the
 * same admin downloads it once; the bytes are deleted as the download ends. Each export belongs
 * to its requester: any other user is told it does not exist.
 */
@Injectable()
export class ExportsUseCases {
  private readonly logger = new Logger(ExportsUseCases.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
  ) {}

  async start(actor: StaffPrincipal): Promise<{ id: string }> {
    this.checkRole(actor);
    const id = await this.db.tx(async (m) => {
      const exportId = await insertExport(m, actor.tenantId, actor.userId);
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'export.requested', subjectType: 'export', subjectId: exportId });
      return exportId;
    });
    await this.jobs.add({ name: JobName.BuildExport, tenantId: actor.tenantId, exportId: id });
    return { id };
  }

  async get(actor: StaffPrincipal, id: string): Promise<ExportView> {
    this.checkRole(actor);
    const found = await this.db.tx((m) => findExport(m, id, actor.userId));
    if (!found) throw DomainError.notFound('export');
    return toView(found);
  }

  /**
   * The one download: claimed in the same transaction that audits it, so a second request, even
   * while the first is still streaming, answers 410.
   */
  async download(actor: StaffPrincipal, id: string): Promise<ExportDownload> {
    this.checkRole(actor);
    const tenantId = actor.tenantId;
    const claimed = await this.db.tx(async (m) => {
      const row = await claimExportDownload(m, id, actor.userId);
      if (!row) return undefined;
      await audit(m, tenantId, {
        actorUserId: actor.userId,
        action: 'export.downloaded',
        subjectType: 'export',
        subjectId: id,
        data: { size: row.size },
      });
      return row;
    });
    if (!claimed) {
      const view = await this.get(actor, id);
      if (view.status === 'queued' || view.status === 'running')
        throw new DomainError('conflict', 'the export is not ready yet; follow GET /api/v1/exports/:id');
      if (view.status === 'failed') throw new DomainError('gone', `the export failed: ${view.failure ?? 'unknown reason'}`);
      throw new DomainError(
        'gone',
        view.downloadedAt !== null ? 'the export was already downloaded; ask for a new one' : 'the export expired; ask for a new one',
      );
    }
    const stream = readExportFile(this.db, id);
    stream.once('close', () => {
      purgeExportFile(this.db, tenantId, id).catch((error: unknown) => {
        this.logger.error({ msg: 'could not delete a downloaded export', exportId: id, err: errorMessage(error) });
      });
    });
    return {
      fileName: `porchlight-export-${claimed.createdAt.toISOString().slice(0, 10)}-${id.slice(0, 8)}.zip`,
      size: claimed.size,
      stream,
    };
  }

  private checkRole(actor: StaffPrincipal): void {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can export the district');
  }
}
