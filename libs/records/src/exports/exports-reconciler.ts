import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { staleExportIds } from '../data/exports.repository';
import { errorMessage } from '../error-message';

export interface ExportsReconcilerOptions {
  /** An unfinished export untouched this long is checked for a lost job (`RECONCILE_STALE_SECONDS`). */
  staleAfterSeconds: number;
}

export const EXPORTS_RECONCILER_OPTIONS = Symbol('EXPORTS_RECONCILER_OPTIONS');

/**
 * Exports whose `export.build` job Redis lost (flushed, restarted without its data, or a producer
 * that died between commit and enqueue): an export still `queued` or `running`, untouched for a
 * while and without a live job, is enqueued again under the same job id. The job starts the export
 * over, so a lost run costs time, never a wrong zip. Run by the dispatcher beside the messaging
 * reconciler, each tenant under its own context.
 */
@Injectable()
export class ExportsReconciler {
  private readonly logger = new Logger(ExportsReconciler.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    @Inject(EXPORTS_RECONCILER_OPTIONS) private readonly options: ExportsReconcilerOptions,
  ) {}

  async sweep(): Promise<number> {
    let revived = 0;
    const tenants = await this.db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory`);
    for (const { tenant_id: tenantId } of tenants) {
      try {
        revived += await TenantContext.run({ tenantId, correlationId: 'reconciler' }, () => this.sweepTenant(tenantId));
      } catch (error: unknown) {
        this.logger.error({ msg: 'reconciling exports of a tenant failed', tenantId, err: errorMessage(error) });
      }
    }
    if (revived > 0) this.logger.warn({ msg: 'reconciled lost exports', exports: revived });
    return revived;
  }

  /** One tenant's lost exports, enqueued again; answers how many. */
  async sweepTenant(tenantId: string): Promise<number> {
    const found = await this.db.tx((m) => staleExportIds(m, this.options.staleAfterSeconds, 100));
    if (found.length === 0) return 0;
    const alive = await this.jobs.existing(
      QueueName.Contacts,
      found.map((id) => jobId.buildExport(id)),
    );
    const lost = found.filter((id) => !alive.has(jobId.buildExport(id)));
    if (lost.length === 0) return 0;
    await this.jobs.revive(
      QueueName.Contacts,
      lost.map((id) => jobId.buildExport(id)),
    );
    await this.jobs.addBulk(lost.map((exportId) => ({ name: JobName.BuildExport, tenantId, exportId })));
    return lost.length;
  }
}
