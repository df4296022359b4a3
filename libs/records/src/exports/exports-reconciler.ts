import { Logger } from '@nestjs/common';
import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';

/**
 * Exports whose `export.build` job Redis lost (flushed, restarted without its data, or a producer
 * that died between commit and enqueue): an export still `queued` or `running`, untouched for a
 * while and without a live job, is enqueued again under the same job id. The job starts the export
 * over, so a lost run costs time, never a wrong zip. Run by the dispatcher beside the messaging
 * reconciler, each tenant under its own context.
 */
export class ExportsReconciler {
  private readonly logger = new Logger(ExportsReconciler.name);

  constructor(private readonly db: TenantDb, private readonly jobs: JobProducer, private readonly staleAfterSeconds: number) {}

  async sweep(): Promise<number> {
    let revived = 0;
    const tenants = await this.db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory`);
    for (const { tenant_id: tenantId } of tenants) {
      try {
        revived += await TenantContext.run({ tenantId, correlationId: 'reconciler' }, () => this.sweepTenant(tenantId));
      } catch (error) {
        this.logger.error({ msg: 'reconciling exports of a tenant failed', tenantId, err: (error as Error).message });
      }
    }
    if (revived > 0) this.logger.warn({ msg: 'reconciled lost exports', exports: revived });
    return revived;
  }

  /** One tenant's lost exports, enqueued again; answers how many. */
  async sweepTenant(tenantId: string): Promise<number> {
    const found: { id: string }[] = await this.db.tx((m) =>
      m.query(
        `select id from exports where status in ('queued', 'running') and updated_at < now() - make_interval(secs => $1) limit 100`,
        [this.staleAfterSeconds],
      ),
    );
    if (found.length === 0) return 0;
    const ids = found.map((row) => jobId.buildExport(row.id));
    const alive = await this.jobs.existing(QueueName.Contacts, ids);
    const lost = found.filter((row) => !alive.has(jobId.buildExport(row.id)));
    if (lost.length === 0) return 0;
    await this.jobs.revive(QueueName.Contacts, lost.map((row) => jobId.buildExport(row.id)));
    await this.jobs.addBulk(lost.map((row) => ({ name: JobName.BuildExport, tenantId, exportId: row.id })));
    return lost.length;
  }
}
