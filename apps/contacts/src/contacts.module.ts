import { DynamicModule, Module } from '@nestjs/common';
import { WorkerEnv } from '@porchlight/config';
import { ContactsDomainModule } from '@porchlight/contacts';
import { DatabaseModule } from '@porchlight/database';
import { createMetricsRegistry, HealthModule } from '@porchlight/observability';
import { QueueModule } from '@porchlight/queue';

/**
 * The contacts app: owner of the roster (schools, students, families), audience resolution and
 * the consent ledger. Roster imports (OneRoster and plain CSV) run here as jobs.
 */
@Module({})
export class ContactsAppModule {
  static forRoot(env: WorkerEnv): DynamicModule {
    return {
      module: ContactsAppModule,
      imports: [
        DatabaseModule.forRoot({ url: env.DATABASE_URL, applicationName: 'porchlight-contacts', poolSize: env.DATABASE_POOL_SIZE ?? 5 }),
        QueueModule.forRoot({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, consumes: [] }),
        HealthModule.forRoot(createMetricsRegistry('contacts')),
        ContactsDomainModule,
      ],
    };
  }
}
