export * from './http-client';
export * from './stack';
export * from './supervised';
export * from './test-env';
export * from './wait-for';
export * from './fixtures';
export * from './phrase-translator';
