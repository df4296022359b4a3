import { SurveyQuestion } from './survey.types';

/** The translatable texts of a survey, each under a unit name, in the survey's order. */
export function surveyUnits(survey: { intro: string | null; questions: SurveyQuestion[] }): { unit: string; text: string }[] {
  const units: { unit: string; text: string }[] = [];
  if (survey.intro) units.push({ unit: 'intro', text: survey.intro });
  for (const question of survey.questions) {
    units.push({ unit: questionUnit(question.key), text: question.text });
    if (question.kind === 'choice') for (const option of question.options ?? []) units.push({ unit: optionUnit(question.key, option.key), text: option.label });
  }
  return units;
}

export const questionUnit = (key: string) => `q.${key}`;
export const optionUnit = (key: string, option: string) => `q.${key}.o.${option}`;

/** Texts per unit for one language: the source's own for the source language. */
export type UnitTexts = Map<string, string>;

export function sourceTexts(survey: { intro: string | null; questions: SurveyQuestion[] }): UnitTexts {
  return new Map(surveyUnits(survey).map(({ unit, text }) => [unit, text]));
}
