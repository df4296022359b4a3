export * from './job-handler';
export * from './job-factory';
export * from './job-producer';
export * from './worker-host';
export * from './queue.module';
export * from './redis';
export * from './heartbeat';
