import { Module } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { ContactsUseCases } from './contacts.use-cases';
import { RosterUseCases } from './roster.use-cases';

@Module({
  providers: [
    { provide: ContactsUseCases, useFactory: (db: TenantDb) => new ContactsUseCases(db), inject: [TenantDb] },
    { provide: RosterUseCases, useFactory: (db: TenantDb) => new RosterUseCases(db), inject: [TenantDb] },
  ],
  exports: [ContactsUseCases, RosterUseCases],
})
export class ContactsDomainModule {}
