import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName: string;
}

/** A DataSource for the services: the application role, never `synchronize`. */
export function createDataSource(options: DatabaseOptions): DataSource {
  const config: DataSourceOptions = {
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    entities: [],
    extra: { max: options.poolSize ?? 10, idleTimeoutMillis: 30_000 },
    logging: false,
  };
  return new DataSource(config);
}
