export * from './prepare-notice.use-case';
