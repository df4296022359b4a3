export * from './keyword-table';
export * from './classify-keyword';
export * from './language-tag';
export * from './normalize-keyword-text';
export * from './replies';
