export * from './jobs';
export * from './messaging';
export * from './identity';
