export * from './translation-provider';
export * from './language-codes';
export * from './retry';
export * from './libretranslate.provider';
export * from './google.provider';
export * from './azure.provider';
