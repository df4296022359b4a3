import { DynamicModule, Module } from '@nestjs/common';
import { CONTACTS_OPTIONS, ContactsOptions } from './contacts.options';
import { ContactsUseCases } from './contacts.use-cases';
import { ImportsUseCases } from './imports/imports.use-cases';
import { RunImportUseCase } from './imports/run-import.use-case';
import { RosterUseCases } from './roster.use-cases';
import { SectionsQuery } from './sections.query';

const USE_CASES = [ContactsUseCases, RosterUseCases, ImportsUseCases, RunImportUseCase, SectionsQuery];

/**
 * Schools, students, family members and roster imports. Needs the database and queue modules (a
 * `TenantDb`, a `JobProducer`), and messaging's opt-outs (`phoneOptOuts`) as `optOuts`.
 */
@Module({})
export class ContactsModule {
  static forRoot(options: ContactsOptions): DynamicModule {
    return {
      module: ContactsModule,
      providers: [{ provide: CONTACTS_OPTIONS, useValue: options }, ...USE_CASES],
      exports: [CONTACTS_OPTIONS, ...USE_CASES],
    };
  }
}
