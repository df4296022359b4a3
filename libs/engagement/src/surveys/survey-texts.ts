import { TranslationOrigin, TranslationStatus } from '@porchlight/contracts';
import { recallTranslations } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { SurveyEntity } from '../data/survey.entity';
import { readySurveyTexts, surveyTexts } from '../data/survey-texts.repository';
import { sourceTexts, surveyUnits, UnitTexts } from './survey-units';
import { SurveyUnitView } from './survey.types';

/**
 * Each language's texts as they stand: the source's for the source language; for another, per
 * unit, what a person or an engine stored, else what the district's translation memory holds for
 * that text (proposed, stored when the survey is sent), else missing.
 */
export async function unitViews(m: EntityManager, survey: SurveyEntity, languages: string[]): Promise<Map<string, SurveyUnitView[]>> {
  const units = surveyUnits(survey);
  const stored = await surveyTexts(m, survey.id);
  const byKey = new Map(stored.map((s) => [`${s.language}\u0000${s.unit}`, s]));
  const others = languages.filter((l) => l !== survey.sourceLanguage);
  const memory = new Map<string, Map<string, string>>();
  for (const { unit, text } of units) {
    const open = others.filter((l) => !byKey.has(`${l}\u0000${unit}`));
    memory.set(unit, await recallTranslations(m, { language: survey.sourceLanguage, text }, open));
  }
  const views = new Map<string, SurveyUnitView[]>();
  for (const language of languages) {
    views.set(
      language,
      units.map(({ unit, text }): SurveyUnitView => {
        if (language === survey.sourceLanguage) return { unit, body: text, origin: 'source', status: 'ready' };
        const row = byKey.get(`${language}\u0000${unit}`);
        if (row) {
          return {
            unit,
            body: row.body,
            origin: row.origin,
            status: row.status,
            ...(row.provider ? { provider: row.provider } : {}),
            ...(row.reviewReason ? { reviewReason: row.reviewReason } : {}),
          };
        }
        const remembered = memory.get(unit)?.get(language);
        return remembered !== undefined ? { unit, body: remembered, origin: 'memory', status: 'ready' } : { unit, body: null, origin: null, status: 'missing' };
      }),
    );
  }
  return views;
}

/** The texts sent in `language`: ready ones of that language, the source's for anything else (the district's send-source policy). */
export async function sendingTexts(m: EntityManager, survey: SurveyEntity): Promise<Map<string, UnitTexts>> {
  const ready = await readySurveyTexts(m, survey.id);
  const byLanguage = new Map<string, UnitTexts>([[survey.sourceLanguage, sourceTexts(survey)]]);
  for (const row of ready) {
    const texts = byLanguage.get(row.language) ?? new Map<string, string>();
    texts.set(row.unit, row.body);
    byLanguage.set(row.language, texts);
  }
  return byLanguage;
}

/**
 * Whether every unit of `language` is ready: a language with any unit missing is sent wholly in
 * the source language (a question half in one language and half in another reads badly).
 */
export function complete(survey: SurveyEntity, texts: UnitTexts | undefined): boolean {
  return !!texts && surveyUnits(survey).every(({ unit }) => texts.has(unit));
}

const ORIGIN_RANK: Record<string, number> = { machine: 0, memory: 1, catalog: 2, human: 3, source: 4 };

/** One language's state from its units: missing if any is, needs review if any does; the least settled origin. */
export function summarise(units: SurveyUnitView[]): { origin: TranslationOrigin | null; status: TranslationStatus } {
  if (units.some((u) => u.status === 'missing')) return { origin: null, status: 'missing' };
  const origin = units.reduce<TranslationOrigin | null>(
    (worst, u) => (u.origin !== null && (worst === null || ORIGIN_RANK[u.origin] < ORIGIN_RANK[worst]) ? u.origin : worst),
    null,
  );
  return { origin: origin ?? 'source', status: units.some((u) => u.status === 'needs_review') ? 'needs_review' : 'ready' };
}
