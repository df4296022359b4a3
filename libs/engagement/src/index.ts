export * from './answers';
export * from './reach';
export * from './decisions';
