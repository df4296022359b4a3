export * from './answer.types';
export { createAnswerParser, parseAnswer } from './parse-answer';
export type { AnswerParser } from './parse-answer';
export { ANSWER_LANGUAGES } from './lexicon';
export type { AnswerLanguage } from './lexicon';
