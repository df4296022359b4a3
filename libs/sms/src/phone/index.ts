export * from './normalize-phone';
export * from './example-phone';
export * from './time-zone';
