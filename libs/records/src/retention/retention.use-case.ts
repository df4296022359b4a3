import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';
import { failOverdueExports, spentExportIds } from '../data/exports.repository';
import { errorMessage } from '../error-message';
import { purgeExportFile } from '../exports/export-files';
import { EXPORT_KEEP_DAYS } from '../exports/exports.use-cases';

/** What one district's sweep did (audited as `retention.applied`). */
export interface RetentionCounts {
  /** The district's setting at the time; null keeps message texts. */
  messageBodyDays: number | null;
  /** Messages written before this moment lost their texts. */
  cutoff: string | null;
  messages: { outbound: number; inbound: number };
  /** Machine translations cached before the cutoff (they hold families' words in translation). */
  translationCache: number;
  /** Uploaded roster files of imports that ended (or never ended in a week). */
  importFiles: number;
  /** District exports downloaded, expired or failed, whose zip was still stored. */
  exports: number;
}

export interface RetentionOptions {
  /** Rows changed per statement (and transaction). */
  batchSize?: number;
}

export const RETENTION_OPTIONS = Symbol('RETENTION_OPTIONS');

/**
 * Retention, applied district by district, each under its own tenant context (row-level security
 * scopes every statement). With a `messageBodyDays` policy, messages older than that in both
 * directions lose their text and its translation; their row, status, language, counts and times
 * stay, and `body_erased_at`/`body_erased_by` say the text was removed under the policy. Only
 * messages that are done are touched: outbound ones past sending, replies processed and
 * translated. A notice's own body and its per-language texts are the district's publication and
 * are kept (see docs/records.md). Whatever the policy, uploads and exports past their use are
 * deleted. Work goes in batches, each its own short transaction, so running again (or two at
 * once) changes nothing more.
 */
@Injectable()
export class RetentionUseCase {
  private readonly logger = new Logger(RetentionUseCase.name);
  private readonly batchSize: number;

  constructor(
    private readonly db: TenantDb,
    @Optional() @Inject(RETENTION_OPTIONS) options: RetentionOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 5000;
  }

  /** Every district; one district's failure does not stop the others, and is reported. */
  async sweep(correlationId = 'retention'): Promise<{ tenants: number; failed: string[] }> {
    const tenants = await this.db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory order by tenant_id`);
    const failed: string[] = [];
    for (const { tenant_id: tenantId } of tenants) {
      try {
        await TenantContext.run({ tenantId, correlationId }, () => this.applyForTenant());
      } catch (error: unknown) {
        failed.push(tenantId);
        this.logger.error({ msg: 'retention failed for a tenant', tenantId, err: errorMessage(error) });
      }
    }
    return { tenants: tenants.length, failed };
  }

  /** The current context's district. */
  async applyForTenant(): Promise<RetentionCounts> {
    const tenantId = TenantContext.tenantId();
    const policy = await this.db.tx((m) =>
      queryOne<{ days: number | null; cutoff: Date }>(
        m,
        `select retention_message_body_days as days, now() - make_interval(days => coalesce(retention_message_body_days, 0)) as cutoff from tenants where id = $1`,
        [tenantId],
      ),
    );
    const days = policy?.days ?? null;
    const cutoff = policy && days !== null ? policy.cutoff : null;
    const counts: RetentionCounts = {
      messageBodyDays: days,
      cutoff: cutoff?.toISOString() ?? null,
      messages: { outbound: 0, inbound: 0 },
      translationCache: 0,
      importFiles: 0,
      exports: 0,
    };
    if (cutoff) {
      counts.messages = await this.eraseMessageTexts(tenantId, cutoff);
      counts.translationCache = await this.inBatches((m) =>
        query<{ deleted: 1 }>(
          m,
          `delete from translation_cache where ctid in (select ctid from translation_cache where tenant_id = $1 and created_at < $2 limit $3) returning 1 as deleted`,
          [tenantId, cutoff, this.batchSize],
        ),
      );
    }
    counts.importFiles = await this.deleteSpentUploads(tenantId);
    counts.exports = await this.deleteSpentExports(tenantId);
    await this.db.tx((m) => audit(m, tenantId, { action: 'retention.applied', subjectType: 'tenant', subjectId: tenantId, data: { ...counts } }));
    this.logger.log({ msg: 'retention applied', tenantId, ...counts });
    return counts;
  }

  private async eraseMessageTexts(tenantId: string, cutoff: Date): Promise<RetentionCounts['messages']> {
    const erased = { outbound: 0, inbound: 0 };
    await this.inBatches(async (m) => {
      const changed = await query<{ direction: 'outbound' | 'inbound' }>(
        m,
        `with due as (
           select id from messages
           where tenant_id = $1 and body_erased_at is null and created_at < $2
             and ((direction = 'outbound' and status not in ('pending', 'queued', 'sending'))
               or (direction = 'inbound' and processed_at is not null and translate_requested_at is null))
           order by created_at
           limit $3
           for update skip locked
         )
         update messages msg set body = '', translated_body = case when msg.translated_body is null then null else '' end,
           body_erased_at = now(), body_erased_by = 'retention'
         from due where msg.id = due.id
         returning msg.direction`,
        [tenantId, cutoff, this.batchSize],
      );
      for (const row of changed) erased[row.direction] += 1;
      return changed;
    });
    return erased;
  }

  /**
   * Uploaded roster files are needed only while their import runs: files of finished imports go
   * (a completed import already deleted its own), and an import still unfinished after a week is
   * marked failed and its files go too.
   */
  private async deleteSpentUploads(tenantId: string): Promise<number> {
    await this.db.txFor(tenantId, (m) =>
      query(
        m,
        `update imports set status = 'failed', failure = 'the import did not finish within 7 days; its files were deleted', finished_at = now()
         where status in ('queued', 'running') and created_at < now() - interval '7 days'`,
      ),
    );
    // A file can hold hundreds of 1 MiB chunks: one file per statement.
    return this.inBatches(
      (m) =>
        query<{ deleted: 1 }>(
          m,
          `delete from import_files where id in (
             select f.id from import_files f join imports i on i.id = f.import_id where i.status in ('completed', 'failed') limit 1
           ) returning 1 as deleted`,
        ),
      1,
    );
  }

  /**
   * An export's zip is needed until its one download: zips downloaded (a day ago, so no download
   * is still streaming), never downloaded within `EXPORT_KEEP_DAYS`, or of failed exports go; an
   * export still unfinished after that long is marked failed.
   */
  private async deleteSpentExports(tenantId: string): Promise<number> {
    const spent = await this.db.txFor(tenantId, async (m) => {
      await failOverdueExports(m, EXPORT_KEEP_DAYS);
      return spentExportIds(m, EXPORT_KEEP_DAYS);
    });
    for (const id of spent) await purgeExportFile(this.db, tenantId, id);
    return spent.length;
  }

  /** Runs `batch` in its own transaction until it changes fewer than `size` rows; answers the total. */
  private async inBatches(batch: (m: EntityManager) => Promise<unknown[]>, size = this.batchSize): Promise<number> {
    let total = 0;
    for (;;) {
      const changed = await this.db.tx(batch);
      total += changed.length;
      if (changed.length < size) return total;
    }
  }
}
