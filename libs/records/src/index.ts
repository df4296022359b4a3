export * from './contact-record.use-case';
export * from './records.module';
