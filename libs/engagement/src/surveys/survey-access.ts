import { Audience, DomainError, StaffPrincipal } from '@porchlight/contracts';
import { AudienceQuery, audienceQuery, FamilyScope } from '@porchlight/contacts';
import { EntityManager } from 'typeorm';
import { SurveyQuestion, SurveyStatus } from './survey.types';

export interface SurveyRow {
  id: string;
  tenant_id: string;
  author_user_id: string | null;
  title: string;
  source_language: string;
  audience: Audience;
  intro: string | null;
  questions: SurveyQuestion[];
  closes_at: Date | null;
  decision_id: string | null;
  reminder_after_seconds: number | null;
  status: SurveyStatus;
  status_reason: string | null;
  correlation_id: string | null;
  send_requested_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

/** A survey author's scope, from the author's account now; a survey without a known author reaches nobody. */
export async function surveyAuthorScope(m: EntityManager, authorUserId: string | null): Promise<FamilyScope> {
  const [author] = authorUserId ? await m.query(`select role, school_ids from users where id = $1`, [authorUserId]) : [];
  return FamilyScope.of({ role: author?.role, schoolIds: author?.school_ids });
}

/** The families a survey reaches (its author's), narrowed to what `reader` sees: the notice audience SQL. */
export async function surveyAudience(m: EntityManager, survey: SurveyRow, reader: FamilyScope = FamilyScope.district): Promise<AudienceQuery> {
  const [{ default_language }] = await m.query(`select default_language from tenants where id = $1`, [survey.tenant_id]);
  const scope = (await surveyAuthorScope(m, survey.author_user_id)).and(reader);
  return audienceQuery({ tenantId: survey.tenant_id, audience: survey.audience, defaultLanguage: default_language, scope });
}

/**
 * The survey if `actor` may open it, as for notices (docs/roles.md): a district admin opens every
 * survey; anyone else the surveys they wrote and those that reach one of their families (once
 * sent, a recipient phone of theirs; before, its audience). Anything else — another district's
 * id included, which row-level security hides — is 404.
 */
export async function openSurvey(m: EntityManager, actor: StaffPrincipal, id: string, lock = false): Promise<SurveyRow> {
  const [row] = await m.query(`select * from surveys where id = $1 ${lock ? 'for update' : ''}`, [id]);
  if (!row) throw DomainError.notFound('survey');
  const reader = FamilyScope.of(actor);
  if (reader.districtWide || row.author_user_id === actor.userId) return row;
  const params: unknown[] = [id];
  if (row.opened_at) {
    const [seen] = await m.query(
      `select exists (select 1 from survey_recipients r where r.survey_id = $1 and ${reader.phoneSql('r.phone', params)}) as ok`,
      params,
    );
    if (seen.ok) return row;
  } else {
    const q = await surveyAudience(m, row, reader);
    const [reaches] = await m.query(`with ${q.ctes} select exists (select 1 from audience_contacts) as ok`, q.params);
    if (reaches.ok) return row;
  }
  throw DomainError.notFound('survey');
}
