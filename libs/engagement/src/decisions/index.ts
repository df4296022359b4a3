export * from './decision.types';
export * from './decisions.use-cases';
export * from './decision-inputs.use-cases';
export * from './close-the-loop.use-case';
export * from './public-decisions.use-case';
export * from './public-page-texts';
