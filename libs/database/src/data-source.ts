import { Logger } from '@nestjs/common';
import { ClientBase } from 'pg';
import { DataSource, DataSourceOptions, getMetadataArgsStorage } from 'typeorm';
import { TableMetadataArgs } from 'typeorm/metadata-args/TableMetadataArgs';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName: string;
  /**
   * The entity classes this DataSource maps. By default every class decorated with `@Entity` that
   * the process has loaded: each domain lib's entities load with its index, so a process maps the
   * tables of the domains it uses without a list to keep in step.
   */
  entities?: DataSourceOptions['entities'];
}

const logger = new Logger('Database');

/**
 * Every `@Entity` class loaded so far, one per class name: a class loaded again (each test file
 * gets a fresh module registry while TypeORM's metadata storage is global) replaces the earlier copy.
 */
function loadedEntities(): TableMetadataArgs['target'][] {
  const byName = new Map<string, TableMetadataArgs['target']>();
  for (const table of getMetadataArgsStorage().tables) byName.set(typeof table.target === 'string' ? table.target : table.target.name, table.target);
  return [...byName.values()];
}

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
    entities: options.entities ?? loadedEntities(),
    extra: {
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      onConnect: (client: ClientBase) => void client.on('error', () => undefined),
    },
    poolErrorHandler: (error: Error) => {
      logger.warn({ msg: 'a Postgres connection was lost; the next statement reconnects', err: error.message });
    },
    logging: false,
  };
  return new DataSource(config);
}
