import { DomainError } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { EntityManager } from 'typeorm';
import { FamilyWords, LoopAudience, Participation } from './decision.types';

/**
 * SURVEY SEAM — everything the decision log needs to know about surveys, in one place, so the
 * survey module can be wired in without touching the rest:
 * - `findSurvey`: the survey exists for this district (404 otherwise); refused with a 400 naming
 *   `surveyId` while this build has no survey tables;
 * - `surveyParticipation`: asked and answered per language and school, and what families said;
 * - `surveyFamilies`: the contacts who answered (or were asked), for "you said, we did".
 * Until wired, a survey input shows `participation: null` and adds no family to the notice.
 */
export async function surveysAvailable(m: EntityManager): Promise<boolean> {
  const [row] = await m.query(`select to_regclass('public.surveys') is not null as present`);
  return row.present === true;
}

export async function findSurvey(m: EntityManager, surveyId: string): Promise<void> {
  if (!(await surveysAvailable(m))) {
    throw new DomainError('invalid', 'validation failed', [{ field: 'surveyId', message: 'surveys are not available on this server yet: quote replies or add a note instead' }]);
  }
  const [found] = await m.query(`select id from surveys where id = $1`, [surveyId]);
  if (!found) throw DomainError.notFound('survey');
}

export async function surveyParticipation(
  _m: EntityManager,
  _surveyId: string,
  _scope: FamilyScope,
): Promise<{ participation: Participation | null; said: FamilyWords[] }> {
  return { participation: null, said: [] };
}

export async function surveyFamilies(_m: EntityManager, _surveyId: string, _audience: LoopAudience, _scope: FamilyScope): Promise<string[]> {
  return [];
}
