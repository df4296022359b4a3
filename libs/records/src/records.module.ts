import { Module } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { ContactRecordUseCase } from './contact-record.use-case';
import { BuildExportUseCase } from './exports/build-export.use-case';
import { ExportsUseCases } from './exports/exports.use-cases';
import { RetentionUseCase } from './retention/retention.use-case';

/** Records requests (one family member's record, district exports) and retention. */
@Module({
  providers: [
    { provide: ContactRecordUseCase, useFactory: (db: TenantDb) => new ContactRecordUseCase(db), inject: [TenantDb] },
    { provide: ExportsUseCases, useFactory: (db: TenantDb, jobs: JobProducer) => new ExportsUseCases(db, jobs), inject: [TenantDb, JobProducer] },
    { provide: BuildExportUseCase, useFactory: (db: TenantDb) => new BuildExportUseCase(db), inject: [TenantDb] },
    { provide: RetentionUseCase, useFactory: (db: TenantDb) => new RetentionUseCase(db), inject: [TenantDb] },
  ],
  exports: [ContactRecordUseCase, ExportsUseCases, BuildExportUseCase, RetentionUseCase],
})
export class RecordsModule {}
