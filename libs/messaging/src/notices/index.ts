export * from './list-notices.use-case';
export * from './notice-reader';
export * from './notice-views';
export * from './cancel-notice.use-case';
