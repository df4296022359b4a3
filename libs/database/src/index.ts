export * from './data-source';
export * from './tenant-db';
export * from './rls';
export * from './setup/setup';
export * from './database.module';
export * from './sql';
export * from './csv-stream';
