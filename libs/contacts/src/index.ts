export * from './audience';
export * from './contacts.module';
export * from './contacts.use-cases';
export * from './paging';
export * from './roster.use-cases';
export * from './visibility';
