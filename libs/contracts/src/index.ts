export * from './jobs';
export * from './messaging';
export * from './identity';
export * from './errors';
export * from './delivery-schedule';
