export * from './data';
export * from './answers';
export * from './reach';
export * from './decisions';
export * from './surveys';
export * from './engagement.module';
