export * from './prepare-notice.use-case';
export * from './languages';
export * from './detection/language-detector';
export * from './detection/script';
export * from './detection/choose-language';
export * from './detection/franc-detector';
export * from './detection/language-request';
export * from './providers';
