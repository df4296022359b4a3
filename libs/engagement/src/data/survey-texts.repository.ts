import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { SurveyTextEntity, SurveyTextOrigin } from './survey-text.entity';

/** A survey's stored texts, every language and unit. */
export function surveyTexts(m: EntityManager, surveyId: string): Promise<SurveyTextEntity[]> {
  return m.findBy(SurveyTextEntity, { surveyId });
}

/** A survey's texts ready to send. */
export function readySurveyTexts(m: EntityManager, surveyId: string): Promise<SurveyTextEntity[]> {
  return m.findBy(SurveyTextEntity, { surveyId, status: 'ready' });
}

/** A text a person wrote: ready, replacing whatever the unit held. */
export async function putHumanText(
  m: EntityManager,
  text: { tenantId: string; surveyId: string; language: string; unit: string; body: string; updatedBy: string },
): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(SurveyTextEntity)
    .values({ ...text, origin: 'human', status: 'ready', provider: null, reviewReason: null, updatedAt: () => 'now()' })
    .orUpdate(['body', 'origin', 'status', 'provider', 'review_reason', 'updated_by', 'updated_at'], ['survey_id', 'language', 'unit'])
    .execute();
}

/** A text from the memory or an engine, unless the unit already has one. */
export async function addTextUnlessPresent(
  m: EntityManager,
  text: {
    tenantId: string;
    surveyId: string;
    language: string;
    unit: string;
    body: string;
    origin: SurveyTextOrigin;
    status: SurveyTextEntity['status'];
    provider?: string | null;
    reviewReason?: string | null;
  },
): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(SurveyTextEntity)
    .values({ provider: null, reviewReason: null, ...text })
    .orIgnore()
    .updateEntity(false)
    .execute();
}

/** Every text of one language waiting for review becomes ready; returns those approved. */
export function approveTexts(m: EntityManager, surveyId: string, language: string, userId: string): Promise<{ unit: string; body: string }[]> {
  return query<{ unit: string; body: string }>(
    m,
    `update survey_texts set status = 'ready', review_reason = null, updated_by = $3, updated_at = now()
     where survey_id = $1 and language = $2 and status = 'needs_review' returning unit, body`,
    [surveyId, language, userId],
  );
}
