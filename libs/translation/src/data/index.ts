export * from './glossary-term.entity';
export * from './glossary-terms.repository';
export * from './notice-translation.entity';
export * from './notice-translations.repository';
export * from './translation-cache.entity';
export * from './translation-cache.repository';
export * from './translation-memory.entity';
export * from './translation-memory.repository';
