export * from './tenant-context';
export * from './public-route';
