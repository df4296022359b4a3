import { Injectable } from '@nestjs/common';
import { DomainError, JobName, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { Readable } from 'node:stream';
import { ImportCounts, ImportEntity, ImportKind, ImportProgressJson, ImportStatus, RowIssue } from '../data/import.entity';
import { findImport, insertImport } from '../data/imports.repository';
import { storeImportFile } from './import-files';
import { ONEROSTER_FILES } from './oneroster-files';

export interface ImportView {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  counts: ImportCounts;
  errors: RowIssue[];
  warnings: RowIssue[];
  progress: ImportProgressJson;
  failure: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface UploadedFile {
  /** The file's own name (the form field's name does not matter). */
  name: string;
  open(): Readable;
}

const toView = (r: ImportEntity): ImportView => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  counts: { created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, deleted: r.deleted },
  errors: r.errors,
  warnings: r.warnings,
  progress: r.progress,
  failure: r.failure,
  createdAt: r.createdAt.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/**
 * Starting and watching roster imports. The upload is stored (files in Postgres, streamed in
 * chunks) with its `imports` row in one transaction; the job, carrying only ids, is enqueued
 * after the commit and run by the contacts app.
 */
@Injectable()
export class ImportsUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
  ) {}

  async start(actor: StaffPrincipal, kind: ImportKind, files: UploadedFile[], options: { languageColumns?: string[] } = {}): Promise<{ id: string }> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can import the roster');
    const named = files.map((file) => ({ ...file, key: baseName(file.name).toLowerCase() }));
    if (kind === 'oneroster') {
      if (!named.some((f) => (ONEROSTER_FILES as readonly string[]).includes(f.key) && f.key !== 'manifest.csv')) {
        throw new DomainError('invalid', 'validation failed', [
          { field: 'files', message: `no OneRoster file found; expected some of ${ONEROSTER_FILES.join(', ')} (or one zip holding them)` },
        ]);
      }
    } else if (named.length !== 1 || !named[0].key.endsWith('.csv')) {
      throw new DomainError('invalid', 'validation failed', [{ field: 'file', message: 'send exactly one .csv file' }]);
    }
    const keys = named.map((f) => f.key);
    const twice = keys.find((key, i) => keys.indexOf(key) !== i);
    if (twice) throw new DomainError('invalid', 'validation failed', [{ field: 'files', message: `${twice} was sent twice` }]);

    const id = await this.db.tx(async (m) => {
      const importId = await insertImport(m, {
        tenantId: actor.tenantId,
        kind,
        options: options.languageColumns ? { languageColumns: options.languageColumns } : {},
        createdBy: actor.userId,
      });
      for (const file of named) {
        await storeImportFile(m, actor.tenantId, importId, file.key, file.open());
      }
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'roster.import',
        subjectType: 'import',
        subjectId: importId,
        data: { kind, files: keys },
      });
      return importId;
    });
    await this.jobs.add({ name: JobName.ImportRoster, tenantId: actor.tenantId, importId: id });
    return { id };
  }

  /** Imports, and their reports (rows of every school), are the district admin's: others see none. */
  async get(actor: StaffPrincipal, id: string): Promise<ImportView> {
    if (actor.role !== 'district_admin') throw DomainError.notFound('import');
    const row = await this.db.tx((m) => findImport(m, id));
    if (!row) throw DomainError.notFound('import');
    return toView(row);
  }
}

export const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;
