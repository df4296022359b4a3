export * from './tenant-context';
