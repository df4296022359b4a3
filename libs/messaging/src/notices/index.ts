export * from './list-notices.use-case';
export * from './notice-reader';
export * from './notice-views';
export * from './cancel-notice.use-case';
export * from './preview-notice.use-case';
export * from './translation-views';
export * from './approve-translation.use-case';
export * from './send-notice.use-case';
