import { DynamicModule, Module } from '@nestjs/common';
import { WorkerEnv } from '@porchlight/config';
import { ContactsModule } from '@porchlight/contacts';
import { QueueName } from '@porchlight/contracts';
import { DatabaseModule } from '@porchlight/database';
import { createMetricsRegistry, HealthModule, jobMetrics } from '@porchlight/observability';
import { phoneOptOuts } from '@porchlight/messaging';
import { QueueModule } from '@porchlight/queue';
import { RecordsModule } from '@porchlight/records';
import { BuildExportProcessor } from './build-export.processor';
import { ImportRosterProcessor } from './import-roster.processor';

/** Imports and exports are long and move many rows: a few at a time is what Postgres wants. */
const MAX_LONG_JOBS_AT_ONCE = 2;

/**
 * The contacts app: owner of the roster (schools, students, families), audience resolution and
 * the consent ledger. Roster imports (OneRoster and plain CSV) and district exports run here as jobs.
 */
@Module({})
export class ContactsAppModule {
  static forRoot(env: WorkerEnv): DynamicModule {
    const registry = createMetricsRegistry('contacts');
    return {
      module: ContactsAppModule,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, applicationName: 'porchlight-contacts', poolSize: env.DATABASE_POOL_SIZE ?? 5 }),
        QueueModule.forRoot({
          redisUrl: env.REDIS_URL,
          prefix: env.QUEUE_PREFIX,
          consumes: [QueueName.Contacts],
          worker: { concurrency: Math.min(env.WORKER_CONCURRENCY, MAX_LONG_JOBS_AT_ONCE), onOutcome: jobMetrics(registry).record },
        }),
        HealthModule.forRoot(registry),
        ContactsModule.forRoot({ optOuts: phoneOptOuts }),
        RecordsModule,
      ],
      providers: [ImportRosterProcessor, BuildExportProcessor],
    };
  }
}
