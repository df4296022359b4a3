import { AnswerQuestion } from '../answers';
import { SurveyPhrases, surveyPhrases } from './survey-phrases';
import { SurveyQuestion } from './survey.types';
import { optionUnit, questionUnit, UnitTexts } from './survey-units';

export interface RenderableSurvey {
  intro: string | null;
  questions: SurveyQuestion[];
}

/**
 * The number a family types for each option: its key when every key is a number (the answer
 * reader reads a number as the key then), else its position.
 */
export function optionNumbers(question: SurveyQuestion): string[] {
  const options = question.options ?? [];
  const numeric = options.length > 0 && options.every((o) => /^\d+$/.test(o.key));
  return options.map((o, i) => (numeric ? o.key : String(i + 1)));
}

export type QuestionStep = { kind: 'question'; key: string; first: boolean } | { kind: 'again' | 'reminder'; key: string };
export type Step = QuestionStep | { kind: 'thanks' } | { kind: 'closed' };

/** The message id-step of a step: unique per (survey, phone), so a phone never gets the same step twice. */
export function stepName(step: Step): string {
  switch (step.kind) {
    case 'question':
      return `q:${step.key}`;
    case 'again':
      return `q:${step.key}:again`;
    case 'reminder':
      return 'reminder';
    default:
      return step.kind;
  }
}

/**
 * One message of the conversation in `language`: the question (with the intro before the first)
 * in the texts of that language — `texts` falls back to the source's for any unit it lacks — its
 * options numbered, and how to answer in the family's language.
 */
export function renderStep(survey: RenderableSurvey, language: string, texts: UnitTexts, step: Step): string {
  const phrases = surveyPhrases(language);
  if (step.kind === 'thanks' || step.kind === 'closed') return phrases[step.kind];
  return renderQuestion(survey, texts, step, phrases);
}

function renderQuestion(survey: RenderableSurvey, texts: UnitTexts, step: QuestionStep, phrases: SurveyPhrases): string {
  const index = survey.questions.findIndex((q) => q.key === step.key);
  const question = survey.questions[index];
  const lines: string[] = [];
  if (step.kind === 'again') lines.push(phrases.again);
  if (step.kind === 'reminder') lines.push(phrases.reminder);
  if (step.kind === 'question' && step.first && survey.intro) lines.push(texts.get('intro') ?? survey.intro, '');
  const counter = survey.questions.length > 1 ? `(${String(index + 1)}/${String(survey.questions.length)}) ` : '';
  lines.push(`${counter}${texts.get(questionUnit(question.key)) ?? question.text}`);
  if (question.kind === 'choice') {
    const numbers = optionNumbers(question);
    (question.options ?? []).forEach((option, i) => lines.push(`${numbers[i]}. ${texts.get(optionUnit(question.key, option.key)) ?? option.label}`));
    lines.push(phrases.replyChoice(numbers));
  } else if (question.kind === 'yesno') {
    lines.push(phrases.replyYesNo);
  } else if (question.kind === 'scale' && question.scale) {
    lines.push(phrases.replyScale(question.scale.min, question.scale.max));
  }
  return lines.join('\n');
}

/**
 * The question as the answer reader takes it: a choice's labels in the source and every language
 * the survey was translated into, so "tarde" answers the Spanish family and "afternoon" the same
 * family typing in English.
 */
export function answerQuestion(question: SurveyQuestion, sourceLanguage: string, textsByLanguage: Map<string, UnitTexts>): AnswerQuestion {
  switch (question.kind) {
    case 'choice':
      return {
        kind: 'choice',
        options: (question.options ?? []).map((option) => {
          const labels: Record<string, string> = { [sourceLanguage]: option.label };
          for (const [language, texts] of textsByLanguage) {
            const label = texts.get(optionUnit(question.key, option.key));
            if (label && language !== sourceLanguage) labels[language] = label;
          }
          return { key: option.key, labels };
        }),
      };
    case 'scale':
      return { kind: 'scale', min: question.scale?.min ?? 1, max: question.scale?.max ?? 5 };
    case 'yesno':
      return { kind: 'yesno' };
    default:
      return { kind: 'text' };
  }
}
