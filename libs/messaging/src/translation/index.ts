export * from './prepare-notice.use-case';
export * from './translate-reply.use-case';
