import { Module } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { ContactRecordUseCase } from './contact-record.use-case';

/** Records requests (one family member's record, district exports) and retention. */
@Module({
  providers: [{ provide: ContactRecordUseCase, useFactory: (db: TenantDb) => new ContactRecordUseCase(db), inject: [TenantDb] }],
  exports: [ContactRecordUseCase],
})
export class RecordsModule {}
