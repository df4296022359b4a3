import { Logger } from '@nestjs/common';
import { ClientBase } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName: string;
}

const logger = new Logger('Database');

/**
 * A DataSource for the services: the application role, never `synchronize`.
 *
 * A restart, a failover or `pg_terminate_backend` ends connections at any moment, and a `pg`
 * client that emits `'error'` with nobody listening ends the process. The pool listens only while a
 * client is idle, and a new client's first messages can carry the error before its borrower has
 * attached a listener, so every client gets one from birth: the statement in flight fails, the
 * broken client leaves the pool, and the next statement opens a fresh connection.
 */
export function createDataSource(options: DatabaseOptions): DataSource {
  const config: DataSourceOptions = {
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    entities: [],
    extra: {
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      onConnect: (client: ClientBase) => void client.on('error', () => undefined),
    },
    poolErrorHandler: (error: Error) => logger.warn({ msg: 'a Postgres connection was lost; the next statement reconnects', err: error.message }),
    logging: false,
  };
  return new DataSource(config);
}
