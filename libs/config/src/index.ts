export * from './env';
export * from './base-env';
export * from './api-env';
export * from './worker-env';
export * from './tool-env';
