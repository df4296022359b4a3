export * from './contact-record.use-case';
export * from './exports/build-export.use-case';
export * from './exports/export-files';
export * from './exports/export-tables';
export * from './exports/exports-reconciler';
export * from './exports/exports.use-cases';
export * from './records.module';
