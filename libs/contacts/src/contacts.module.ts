import { Module } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { ContactsUseCases } from './contacts.use-cases';
import { ImportsUseCases } from './imports/imports.use-cases';
import { RunImportUseCase } from './imports/run-import.use-case';
import { RosterUseCases } from './roster.use-cases';
import { SectionsQuery } from './sections.query';

@Module({
  providers: [
    { provide: ContactsUseCases, useFactory: (db: TenantDb) => new ContactsUseCases(db), inject: [TenantDb] },
    { provide: RosterUseCases, useFactory: (db: TenantDb) => new RosterUseCases(db), inject: [TenantDb] },
    { provide: ImportsUseCases, useFactory: (db: TenantDb, jobs: JobProducer) => new ImportsUseCases(db, jobs), inject: [TenantDb, JobProducer] },
    { provide: RunImportUseCase, useFactory: (db: TenantDb) => new RunImportUseCase(db), inject: [TenantDb] },
    SectionsQuery,
  ],
  exports: [ContactsUseCases, RosterUseCases, ImportsUseCases, RunImportUseCase, SectionsQuery],
})
export class ContactsDomainModule {}
