export * from './translation-provider';
export * from './language-codes';
export * from './retry';
export * from './libretranslate.provider';
export * from './deepl.provider';
export * from './google.provider';
export * from './aws.provider';
export * from './azure.provider';
