import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { AudienceCounts, audienceCountsSql, AudienceQuery, FamilyScope, toAudienceCounts } from '@porchlight/contacts';
import { queryOne } from '@porchlight/database';
import { measureSms } from '@porchlight/sms';
import { EntityManager } from 'typeorm';
import { SurveyEntity } from '../data/survey.entity';
import { renderStep } from './survey-render';
import { summarise, unitViews } from './survey-texts';
import { SurveyTranslationView, SurveyView } from './survey.types';

interface AudienceCountsRow {
  by_language: Record<string, number>;
  opted_out: number;
  invalid: number;
  no_phone: number;
}

/** How many phones of the audience each language reaches, and those suppressed. */
export async function countAudience(m: EntityManager, q: AudienceQuery): Promise<AudienceCounts> {
  const row = await queryOne<AudienceCountsRow>(m, audienceCountsSql(q), q.params);
  return toAudienceCounts(row ?? { by_language: {}, opted_out: 0, invalid: 0, no_phone: 0 });
}

/** The source language first, then the others the audience reads, each as the family would receive the survey. */
export async function translationViews(m: EntityManager, survey: SurveyEntity, languages: string[]): Promise<SurveyTranslationView[]> {
  const wanted = [survey.sourceLanguage, ...[...new Set(languages)].filter((l) => l !== survey.sourceLanguage).sort()];
  const views = await unitViews(m, survey, wanted);
  return wanted.map((language) => {
    const units = views.get(language) ?? [];
    const { origin, status } = summarise(units);
    const texts = new Map(units.flatMap((u) => (u.body === null ? [] : [[u.unit, u.body] as const])));
    const questions = survey.questions.map((question, i) => {
      const body = status === 'missing' ? null : renderStep(survey, language, texts, { kind: 'question', key: question.key, first: i === 0 });
      return { key: question.key, body, segments: body ? measureSms(body).segments : 0 };
    });
    const first = questions.at(0)?.body ?? null;
    const measured = first ? measureSms(first) : null;
    return { language, body: first, origin, status, segments: measured?.segments ?? 0, encoding: measured?.encoding ?? null, questions, units };
  });
}

/** One language's view (after a change to its texts). */
export async function translationView(m: EntityManager, survey: SurveyEntity, language: string): Promise<SurveyTranslationView> {
  const view = (await translationViews(m, survey, [language])).find((t) => t.language === language);
  if (!view) throw DomainError.notFound('translation');
  return view;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

type SurveyStats = SurveyView['stats'];

/** The survey as the API shows it, with where its recipients the reader sees stand. */
export async function surveyView(m: EntityManager, actor: StaffPrincipal, survey: SurveyEntity): Promise<SurveyView> {
  const params: unknown[] = [survey.id];
  const stats = await queryOne<SurveyStats>(
    m,
    `select count(*)::int as recipients,
       count(*) filter (where status = 'asking')::int as asking, count(*) filter (where status = 'waiting')::int as waiting,
       count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'stopped')::int as stopped,
       count(*) filter (where status = 'suppressed')::int as suppressed
     from survey_recipients r where r.survey_id = $1 and ${FamilyScope.of(actor).phoneSql('r.phone', params)}`,
    params,
  );
  return {
    id: survey.id,
    title: survey.title,
    sourceLanguage: survey.sourceLanguage,
    audience: survey.audience,
    intro: survey.intro,
    closesAt: iso(survey.closesAt),
    scheduledAt: iso(survey.scheduledAt),
    decisionId: survey.decisionId,
    reminder: survey.reminderAfterSeconds ? { afterHours: survey.reminderAfterSeconds / 3600 } : null,
    questions: survey.questions,
    status: survey.status,
    statusReason: survey.statusReason,
    authorUserId: survey.authorUserId,
    createdAt: survey.createdAt.toISOString(),
    sendRequestedAt: iso(survey.sendRequestedAt),
    openedAt: iso(survey.openedAt),
    closedAt: iso(survey.closedAt),
    stats: stats ?? { recipients: 0, asking: 0, waiting: 0, done: 0, stopped: 0, suppressed: 0 },
  };
}
