export * from './answers';
export * from './reach';
