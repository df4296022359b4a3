export * from './answers';
export * from './surveys';
