export * from './json-logger';
export * from './redact';
export * from './metrics';
export * from './health';
export * from './run-worker';
