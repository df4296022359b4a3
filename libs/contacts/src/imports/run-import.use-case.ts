import { Injectable } from '@nestjs/common';
import { DomainError } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { tenantLocale } from '@porchlight/identity';
import { TenantContext } from '@porchlight/tenancy';
import type { CountryCode } from 'libphonenumber-js';
import { claimImport, deleteImportFiles, failUnfinishedImport, finishImport } from '../data/imports.repository';
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
@Injectable()
export class RunImportUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(importId: string): Promise<void> {
    const tenantId = TenantContext.tenantId();
    const claimed = await this.db.tx(async (m) => {
      const taken = await claimImport(m, importId);
      return taken && { ...taken, ...(await tenantLocale(m, tenantId)) };
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
      claimed.defaultLanguage,
      { languageColumns: (claimed.options.languageColumns ?? DEFAULT_LANGUAGE_COLUMNS).map((c) => c.toLowerCase()) },
      report,
    );
    try {
      if (claimed.kind === 'oneroster') await importOneRoster(run);
      else await importPlainCsv(run);
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      await this.db.tx(async (m) => {
        await report.save(m, importId);
        await finishImport(m, importId, error.message);
      });
      return;
    }
    report.phase = 'completed';
    await this.db.tx(async (m) => {
      await report.save(m, importId);
      await finishImport(m, importId, null);
      // The files have served their purpose; the report stays.
      await deleteImportFiles(m, importId);
    });
  }

  /** The job gave up (its last attempt failed on something unexpected): say so, instead of `running` forever. */
  async giveUp(importId: string, reason: string): Promise<void> {
    await this.db.tx((m) => failUnfinishedImport(m, importId, `the import stopped after several tries: ${reason}`));
  }
}
