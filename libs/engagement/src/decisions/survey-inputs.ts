import { DomainError } from '@porchlight/contracts';
import { FamilyScope, liveContactsSql } from '@porchlight/contacts';
import { query } from '@porchlight/database';
import { messageTextsSql } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { findSurvey as findSurveyRow } from '../data/surveys.repository';
import { FamilyWords, LoopAudience, Participation } from './decision.types';

/**
 * Everything the decision log knows about surveys, in one place: whether a survey exists for the
 * district, who it asked and who answered (by language and school), what families wrote, and
 * the families a "you said, we did" notice goes to. Read from the survey tables
 * (`survey_recipients`, `survey_answers`), always within the reader's school scope.
 */

/** The survey exists in this district (row-level security hides every other): 404 otherwise. */
export async function findSurvey(m: EntityManager, surveyId: string): Promise<void> {
  if (!(await findSurveyRow(m, surveyId))) throw DomainError.notFound('survey');
}

/** A recipient row the scope sees: one of its family's schools is the scope's. */
function recipientSeen(scope: FamilyScope, params: unknown[]): string {
  if (scope.districtWide) return 'true';
  params.push(scope.schoolIds);
  return `r.school_ids && $${String(params.length)}::uuid[]`;
}

interface GroupRow {
  key: string | null;
  asked: number;
  answered: number;
}

/** The phones a survey asked (every recipient it did not suppress) and those with a counted answer, by language and school. */
export async function surveyParticipation(
  m: EntityManager,
  surveyId: string,
  scope: FamilyScope,
): Promise<{ participation: Participation; said: FamilyWords[] }> {
  const params: unknown[] = [surveyId];
  const seen = recipientSeen(scope, params);
  const schoolFilter = scope.districtWide ? 'true' : `school_id = any($${String(params.length)}::uuid[])`;
  const recipients = `
    select r.phone, r.language, r.school_ids,
           exists (select 1 from survey_answers a where a.recipient_id = r.id and a.counted) as answered
    from survey_recipients r
    where r.survey_id = $1 and r.status <> 'suppressed' and ${seen}`;
  const byLanguage = await query<GroupRow>(
    m,
    `select language as key, count(*)::int as asked, count(*) filter (where answered)::int as answered
     from (${recipients}) x group by language order by language`,
    params,
  );
  const bySchool = await query<GroupRow>(
    m,
    `select school_id::text as key, count(*)::int as asked, count(*) filter (where answered)::int as answered
     from (${recipients}) x cross join lateral unnest(x.school_ids) as school_id
     where ${schoolFilter} group by school_id order by school_id`,
    params,
  );
  const said = await query<{
    body: string | null;
    language: string | null;
    translated_body: string | null;
    translated_language: string | null;
    received_at: Date;
  }>(
    m,
    `select case when msg.body_erased_at is null then msg.body end as body, msg.language,
            case when msg.body_erased_at is null then msg.translated_body end as translated_body, msg.translated_language, msg.created_at as received_at
     from survey_answers a
     join survey_recipients r on r.id = a.recipient_id
     join (${messageTextsSql()}) msg on msg.id = a.message_id
     where a.survey_id = $1 and a.kind in ('text', 'comment') and a.counted and ${seen}
     order by msg.created_at desc, msg.id desc limit 200`,
    params,
  );
  return {
    participation: {
      // Every phone has one language: the totals are the languages' sums.
      asked: byLanguage.reduce((sum, row) => sum + row.asked, 0),
      answered: byLanguage.reduce((sum, row) => sum + row.answered, 0),
      byLanguage: byLanguage.map((row) => ({ language: row.key, asked: row.asked, answered: row.answered })),
      bySchool: bySchool.map((row) => ({ schoolId: row.key ?? '', asked: row.asked, answered: row.answered })),
    },
    said: said.map((row) => ({
      body: row.body,
      language: row.language,
      translatedBody: row.translated_body,
      translatedLanguage: row.translated_language,
      receivedAt: row.received_at.toISOString(),
    })),
  };
}

/** The live contacts on the phones that answered the survey (or that it asked), within the scope. */
export async function surveyFamilies(m: EntityManager, surveyId: string, audience: LoopAudience, scope: FamilyScope): Promise<string[]> {
  const params: unknown[] = [surveyId];
  const answered = audience === 'respondents' ? `and exists (select 1 from survey_answers a where a.recipient_id = r.id and a.counted)` : '';
  const inScope = scope.contactSql('c', params);
  const found = await query<{ id: string }>(
    m,
    `select distinct c.id from survey_recipients r
     cross join lateral unnest(r.contact_ids) as contact_id
     join (${liveContactsSql()}) c on c.id = contact_id
     where r.survey_id = $1 and r.status <> 'suppressed' ${answered} and ${inScope}`,
    params,
  );
  return found.map((row) => row.id);
}
