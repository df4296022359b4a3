import { DomainError } from '@porchlight/contracts';
import { SurveyQuestion } from './survey.types';

export const MAX_QUESTIONS = 10;

type Problem = { field: string; message: string };

/**
 * What makes a survey impossible to answer, field by field: no questions or more than ten, two
 * questions (or two options) of one key, a choice without two options, options outside a choice,
 * a scale whose min is not below its max or that spans more than 0–10.
 */
export function surveyProblems(questions: SurveyQuestion[] | undefined): Problem[] {
  const problems: Problem[] = [];
  if (!questions || questions.length === 0) return [{ field: 'questions', message: 'a survey needs at least one question' }];
  if (questions.length > MAX_QUESTIONS) problems.push({ field: 'questions', message: `a survey has at most ${String(MAX_QUESTIONS)} questions` });
  const keys = new Set<string>();
  questions.forEach((question, i) => {
    const at = `questions.${String(i)}`;
    if (keys.has(question.key)) problems.push({ field: `${at}.key`, message: `duplicate question key ${question.key}` });
    keys.add(question.key);
    const options = question.options ?? [];
    if (question.kind === 'choice') {
      if (options.length < 2) problems.push({ field: `${at}.options`, message: 'a choice needs at least two options' });
      const optionKeys = new Set<string>();
      const labels = new Set<string>();
      options.forEach((option, j) => {
        if (optionKeys.has(option.key.toLowerCase())) problems.push({ field: `${at}.options.${String(j)}.key`, message: `duplicate option key ${option.key}` });
        if (labels.has(option.label.trim().toLowerCase()))
          problems.push({ field: `${at}.options.${String(j)}.label`, message: 'two options with the same label' });
        optionKeys.add(option.key.toLowerCase());
        labels.add(option.label.trim().toLowerCase());
      });
    } else if (options.length > 0) {
      problems.push({ field: `${at}.options`, message: 'only a choice has options' });
    }
    if (question.kind === 'scale') {
      const scale = question.scale;
      if (!scale) problems.push({ field: `${at}.scale`, message: 'a scale needs { min, max }' });
      else if (scale.min >= scale.max) problems.push({ field: `${at}.scale`, message: 'scale min must be below max' });
      else if (scale.min < 0 || scale.max > 10) problems.push({ field: `${at}.scale`, message: 'a scale runs within 0 to 10' });
    } else if (question.scale) {
      problems.push({ field: `${at}.scale`, message: 'only a scale has min and max' });
    }
  });
  return problems;
}

/** An ISO 8601 time that says its offset from UTC (`Z` or `±hh:mm`), so it names one instant wherever it was written. */
const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * When the survey opens and closes: `scheduledAt` (optional) must carry its offset and lie in the
 * future, as must `closesAt`; a survey cannot close before it opens.
 */
export function timingProblems(input: { scheduledAt?: string; closesAt?: string }, now: number): Problem[] {
  const problems: Problem[] = [];
  const opens = input.scheduledAt === undefined ? undefined : Date.parse(input.scheduledAt);
  if (input.scheduledAt !== undefined && opens !== undefined) {
    if (!WITH_OFFSET.test(input.scheduledAt) || Number.isNaN(opens))
      problems.push({ field: 'scheduledAt', message: 'scheduledAt must be an ISO 8601 time with its offset, e.g. 2026-03-02T08:00:00-05:00' });
    else if (opens <= now) problems.push({ field: 'scheduledAt', message: 'scheduledAt must be in the future' });
  }
  if (input.closesAt !== undefined) {
    const closes = Date.parse(input.closesAt);
    if (closes <= now) problems.push({ field: 'closesAt', message: 'closesAt must be in the future' });
    else if (opens !== undefined && !Number.isNaN(opens) && closes <= opens)
      problems.push({ field: 'closesAt', message: 'closesAt must be after scheduledAt' });
  }
  return problems;
}

export function checkSurvey(questions: SurveyQuestion[] | undefined, extra: Problem[] = []): void {
  const problems = [...surveyProblems(questions), ...extra];
  if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
}
