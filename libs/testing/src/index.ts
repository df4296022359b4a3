export * from './http-client';
export * from './stack';
export * from './test-env';
export * from './wait-for';
export * from './fixtures';
export * from './phrase-translator';
export * from './in-process-api';
export * from './school-scope';
