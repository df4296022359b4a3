export * from './reach.sql';
export * from './reach-report.use-case';
export * from './wilson';
export * from './reach-window';
