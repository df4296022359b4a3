import { DomainError } from '@porchlight/contracts';
import { rows, TenantDb } from '@porchlight/database';
import { TenantContext } from '@porchlight/tenancy';
import type { CountryCode } from 'libphonenumber-js';
import { importPlainCsv } from './csv-import';
import { listImportFiles } from './import-files';
import { ImportReport } from './import-report';
import { DEFAULT_LANGUAGE_COLUMNS, ImportRun } from './import-run';
import { importOneRoster } from './oneroster-import';

/**
 * Runs one queued import (the `roster.import` job). Safe to run again: a completed or failed
 * import is left alone, and a run cut short is redone from the start, which the upserts make
 * harmless. Bad rows are reported and skipped; a bundle that cannot be read at all fails the import
 * with the reason.
 */
export class RunImportUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(importId: string): Promise<void> {
    const tenantId = TenantContext.tenantId();
    const claimed = await this.db.tx(async (m) => {
      const [row] = await rows(
        m,
        `update imports set status = 'running', started_at = now(), created = 0, updated = 0, unchanged = 0, rejected = 0, deleted = 0,
           errors = '[]', warnings = '[]', progress = '{}'
         where id = $1 and status in ('queued', 'running')
         returning kind, options, (select country from tenants where id = $2) as country, (select default_language from tenants where id = $2) as default_language`,
        [importId, tenantId],
      );
      return row as { kind: 'oneroster' | 'csv'; options: { languageColumns?: string[] }; country: string; default_language: string } | undefined;
    });
    if (!claimed) return;
    const files = new Map((await listImportFiles(this.db, importId)).map((f) => [f.name.toLowerCase(), f]));
    const report = new ImportReport();
    const run = new ImportRun(
      this.db,
      tenantId,
      importId,
      files,
      claimed.country as CountryCode,
      claimed.default_language,
      { languageColumns: (claimed.options.languageColumns ?? DEFAULT_LANGUAGE_COLUMNS).map((c) => c.toLowerCase()) },
      report,
    );
    try {
      if (claimed.kind === 'oneroster') await importOneRoster(run);
      else await importPlainCsv(run);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.db.tx(async (m) => {
        await report.save(m, importId);
        await m.query(`update imports set status = 'failed', failure = $2, finished_at = now() where id = $1`, [importId, error.message]);
      });
      return;
    }
    report.phase = 'completed';
    await this.db.tx(async (m) => {
      await report.save(m, importId);
      await m.query(`update imports set status = 'completed', finished_at = now() where id = $1`, [importId]);
      // The files have served their purpose; the report stays.
      await m.query(`delete from import_files where import_id = $1`, [importId]);
    });
  }

  /** The job gave up (its last attempt failed on something unexpected): say so, instead of `running` forever. */
  async giveUp(importId: string, reason: string): Promise<void> {
    await this.db.tx((m) =>
      m.query(`update imports set status = 'failed', failure = $2, finished_at = now() where id = $1 and status in ('queued', 'running')`, [
        importId,
        `the import stopped after several tries: ${reason}`,
      ]),
    );
  }
}
