import { Logger } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { glossaryTermsFor, MachineTranslation, TenantTranslator, translationFailureText } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { SurveyEntity } from '../data/survey.entity';
import { addTextUnlessPresent } from '../data/survey-texts.repository';
import { unitViews } from './survey-texts';
import { surveyUnits } from './survey-units';

const logger = new Logger('SurveyMachineTexts');

/** Texts of a survey no person, memory or catalog gave in a language, with their source text. */
export interface MissingText {
  language: string;
  unit: string;
  text: string;
}

/**
 * The texts still missing in `languages` (memory hits are stored on the way, origin `memory`), in a
 * transaction: the same step for the preview and for preparation, so both show and send one text.
 */
export async function missingTexts(m: EntityManager, tenantId: string, survey: SurveyEntity, languages: string[]): Promise<MissingText[]> {
  const views = await unitViews(m, survey, languages);
  const sourceOf = new Map(surveyUnits(survey).map(({ unit, text }) => [unit, text]));
  const missing: MissingText[] = [];
  for (const [language, units] of views) {
    for (const unit of units) {
      if (unit.origin === 'memory' && unit.body !== null) {
        await addTextUnlessPresent(m, { tenantId, surveyId: survey.id, language, unit: unit.unit, body: unit.body, origin: 'memory', status: 'ready' });
      } else if (unit.status === 'missing') missing.push({ language, unit: unit.unit, text: sourceOf.get(unit.unit) ?? '' });
    }
  }
  return missing;
}

/**
 * The district's engines write the missing texts, glossary terms protected: one call per text and
 * language (cached), never per family, outside any transaction (an engine may take seconds). A
 * text waits for a person (`needs_review`) when a placeholder or term did not survive, or when the
 * district reviews machine output. Returns the languages an engine failed for.
 */
export async function writeMachineTexts(
  db: TenantDb,
  translator: TenantTranslator,
  tenantId: string,
  survey: SurveyEntity,
  missing: MissingText[],
  review: boolean,
): Promise<Set<string>> {
  const machine: (MissingText & { result: MachineTranslation })[] = [];
  const failures = new Set<string>();
  for (const item of missing) {
    if (failures.has(item.language)) continue;
    try {
      const terms = await db.tx((m) => glossaryTermsFor(m, item.language));
      machine.push({ ...item, result: await translator.translate(item.text, survey.sourceLanguage, item.language, terms) });
    } catch (error: unknown) {
      failures.add(item.language);
      logger.warn({ msg: 'machine translation failed', surveyId: survey.id, language: item.language, reason: translationFailureText(error) });
    }
  }
  if (machine.length > 0) {
    await db.tx(async (m) => {
      for (const { language, unit, result } of machine) {
        const reason = !result.intact
          ? 'a placeholder or glossary term did not survive machine translation'
          : review
            ? 'the district reviews machine translations'
            : null;
        await addTextUnlessPresent(m, {
          tenantId,
          surveyId: survey.id,
          language,
          unit,
          body: result.text,
          origin: 'machine',
          status: reason ? 'needs_review' : 'ready',
          provider: result.provider,
          reviewReason: reason,
        });
      }
    });
  }
  return failures;
}
