import { familyTimeZoneSql } from '@porchlight/contacts';
import { query } from '@porchlight/database';
import { tenantProfile, tenantSendingWindowSql } from '@porchlight/identity';
import { insertSurveyMessagesSql } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { SurveyEntity } from '../data/survey.entity';
import { getSurvey } from '../data/surveys.repository';
import { renderStep, Step, stepName } from './survey-render';
import { complete, sendingTexts } from './survey-texts';

export interface StepBodies {
  sourceLanguage: string;
  bodies: { language: string; body: string }[];
}

/** One step's text in every language the survey can be sent in: those wholly translated, and the source. */
export async function stepBodies(m: EntityManager, survey: SurveyEntity, step: Step): Promise<StepBodies> {
  const texts = await sendingTexts(m, survey);
  const bodies: { language: string; body: string }[] = [];
  for (const [language, unitTexts] of texts) {
    if (language === survey.sourceLanguage || complete(survey, unitTexts)) bodies.push({ language, body: renderStep(survey, language, unitTexts, step) });
  }
  // Fixed lines (thanks, closed) exist in every language the phrases know, whatever was translated.
  if (step.kind === 'thanks' || step.kind === 'closed') {
    const { languages } = await tenantProfile(m, survey.tenantId);
    for (const language of languages) {
      if (!bodies.some((b) => b.language === language)) bodies.push({ language, body: renderStep(survey, language, new Map(), step) });
    }
  }
  return { sourceLanguage: survey.sourceLanguage, bodies };
}

/**
 * Writes one step's message row for each of the survey's `recipientIds`, in the recipient's
 * language (the source's when that language is not wholly translated), before any job exists.
 * `quietHours`: the row waits for the recipient's sending window, as a normal notice does (first
 * questions and reminders); an answer's follow-up goes at once, the family having just written.
 * Unique per (survey, phone, step): a step written twice is written once. Returns the new rows' ids.
 */
export async function writeStep(
  m: EntityManager,
  survey: SurveyEntity,
  recipientIds: string[],
  step: Step,
  options: { quietHours: boolean; replyToId?: string; bodies?: StepBodies },
): Promise<string[]> {
  if (recipientIds.length === 0) return [];
  const { bodies, sourceLanguage } = options.bodies ?? (await stepBodies(m, survey, step));
  const rows = `select $1::uuid as tenant_id, r.survey_id, $6::text as survey_step, r.phone, r.contact_ids, coalesce(b.language, $5) as language,
       coalesce(b.body, src.body) as body, $7::uuid as author_user_id, $8::uuid as reply_to_id,
       case when $9::boolean and r.window_opens > now() then r.window_opens end as send_after
     from recipients r
     left join bodies b on b.language = r.language
     cross join (select body from bodies where language = $5) src`;
  const inserted = await query<{ id: string }>(
    m,
    `with bodies as (select * from unnest($3::text[], $4::text[]) as b(language, body)),
     tenant as (${tenantSendingWindowSql('$1')}),
     recipients as (
       select r.*, next_sending_time(
           coalesce(${familyTimeZoneSql('r.contact_ids')}, phone_time_zone(r.phone), tenant.timezone),
           tenant.quiet_hours_start, tenant.quiet_hours_end) as window_opens
       from survey_recipients r cross join tenant where r.id = any($2::uuid[])
     )
     ${insertSurveyMessagesSql(rows)}`,
    [
      survey.tenantId,
      recipientIds,
      bodies.map((b) => b.language),
      bodies.map((b) => b.body),
      sourceLanguage,
      stepName(step),
      survey.authorUserId,
      options.replyToId ?? null,
      options.quietHours,
    ],
  );
  return inserted.map((row) => row.id);
}

/**
 * Starts surveys for phones free of any other: each phone's oldest waiting survey that is open
 * becomes `asking` and its first question is written. Serialised per district, and the unique
 * index on asking rows holds the rule whatever happens: one open survey per phone at a time.
 */
export async function startWaiting(m: EntityManager, tenantId: string, filter: { surveyId?: string; phone?: string; replyToId?: string }): Promise<string[]> {
  await query(m, `select pg_advisory_xact_lock(hashtext('survey-start'), hashtext($1))`, [tenantId]);
  const picked = await query<{ id: string; survey_id: string }>(
    m,
    `select distinct on (r.phone) r.id, r.survey_id
     from survey_recipients r join surveys s on s.id = r.survey_id
     where r.status = 'waiting' and s.status = 'open'
       and ($1::uuid is null or r.survey_id = $1) and ($2::text is null or r.phone = $2)
       and not exists (select 1 from survey_recipients o where o.tenant_id = r.tenant_id and o.phone = r.phone and o.status = 'asking')
     order by r.phone, s.opened_at, s.id`,
    [filter.surveyId ?? null, filter.phone ?? null],
  );
  const bySurvey = new Map<string, string[]>();
  for (const row of picked) bySurvey.set(row.survey_id, [...(bySurvey.get(row.survey_id) ?? []), row.id]);
  const written: string[] = [];
  for (const [surveyId, ids] of bySurvey) {
    const survey = await getSurvey(m, surveyId);
    const first = survey.questions[0].key;
    await query(
      m,
      `update survey_recipients set status = 'asking', question_key = $2, asked_again = false, started_at = now(), updated_at = now() where id = any($1::uuid[])`,
      [ids, first],
    );
    written.push(...(await writeStep(m, survey, ids, { kind: 'question', key: first, first: true }, { quietHours: true, replyToId: filter.replyToId })));
  }
  return written;
}
