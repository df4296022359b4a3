import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { AudienceQuery, FamilyScope } from '@porchlight/contacts';
import { queryOne } from '@porchlight/database';
import { staffScope, tenantProfile } from '@porchlight/identity';
import { audiencePhonesQuery } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { SurveyEntity } from '../data/survey.entity';
import { findSurvey } from '../data/surveys.repository';

/** A survey author's scope, from the author's account now; a survey without a known author reaches nobody. */
export async function surveyAuthorScope(m: EntityManager, authorUserId: string | null): Promise<FamilyScope> {
  const author = authorUserId ? await staffScope(m, authorUserId) : undefined;
  return FamilyScope.of({ role: author?.role, schoolIds: author?.schoolIds });
}

/** The families a survey reaches (its author's), narrowed to what `reader` sees: the notice audience SQL. */
export async function surveyAudience(m: EntityManager, survey: SurveyEntity, reader: FamilyScope = FamilyScope.district): Promise<AudienceQuery> {
  const { defaultLanguage } = await tenantProfile(m, survey.tenantId);
  const scope = (await surveyAuthorScope(m, survey.authorUserId)).and(reader);
  return audiencePhonesQuery({ tenantId: survey.tenantId, audience: survey.audience, defaultLanguage, scope });
}

/**
 * The survey if `actor` may open it, as for notices (docs/roles.md): a district admin opens every
 * survey; anyone else the surveys they wrote and those that reach one of their families (once
 * sent, a recipient phone of theirs; before, its audience). Anything else — another district's
 * id included, which row-level security hides — is 404.
 */
export async function openSurvey(m: EntityManager, actor: StaffPrincipal, id: string, lock = false): Promise<SurveyEntity> {
  const survey = await findSurvey(m, id, lock);
  if (!survey) throw DomainError.notFound('survey');
  const reader = FamilyScope.of(actor);
  if (reader.districtWide || survey.authorUserId === actor.userId) return survey;
  const params: unknown[] = [id];
  if (survey.openedAt) {
    const seen = await queryOne<{ ok: boolean }>(
      m,
      `select exists (select 1 from survey_recipients r where r.survey_id = $1 and ${reader.phoneSql('r.phone', params)}) as ok`,
      params,
    );
    if (seen?.ok) return survey;
  } else {
    const q = await surveyAudience(m, survey, reader);
    const reaches = await queryOne<{ ok: boolean }>(m, `with ${q.ctes} select exists (select 1 from audience_contacts) as ok`, q.params);
    if (reaches?.ok) return survey;
  }
  throw DomainError.notFound('survey');
}
