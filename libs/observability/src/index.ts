export * from './logger';
export * from './correlation';
export * from './redact';
export * from './metrics';
export * from './health';
export * from './run-worker';
export * from './answer-first';
