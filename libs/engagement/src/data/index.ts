export * from './survey.entity';
export * from './survey-text.entity';
export * from './survey-recipient.entity';
export * from './survey-answer.entity';
export * from './survey-latest-answer.entity';
export * from './decision.entity';
export * from './decision-input.entity';
