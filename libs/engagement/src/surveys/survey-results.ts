import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { openSurvey, SurveyRow } from './survey-access';
import { SurveyQuestion, SurveyStatus } from './survey.types';

export const RESULT_GROUPINGS = ['language', 'school', 'grade', 'role'] as const;
export type ResultGrouping = (typeof RESULT_GROUPINGS)[number];

/** How many comments per question the results carry (newest first); the CSV has them all. */
export const COMMENTS_PER_QUESTION = 200;

export interface QuestionResult {
  key: string;
  kind: SurveyQuestion['kind'];
  /** Phones whose latest answer to this question counts. */
  answered: number;
  counts: Record<string, number>;
  mean?: number | null;
  comments: { body: string | null; language: string | null; translatedBody: string | null; createdAt: string }[];
}

export interface GroupResult {
  group: string;
  /** A school's name, for `by=school`. */
  label?: string;
  sent: number;
  responded: number;
  responseRate: number;
  counts: Record<string, Record<string, number>>;
  means: Record<string, number | null>;
}

export interface SurveyResults {
  status: SurveyStatus;
  sent: number;
  delivered: number;
  responded: number;
  responseRate: number;
  questions: QuestionResult[];
  groups: GroupResult[];
}

const GROUP_SQL: Record<ResultGrouping, string> = {
  language: `array[r.language]`,
  school: `coalesce(nullif(r.school_ids::text[], '{}'), array['none'])`,
  grade: `coalesce(nullif(r.grades, '{}'), array['none'])`,
  role: `coalesce(nullif(r.roles, '{}'), array['none'])`,
};

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0);

/** Every option a question can be counted under, so an option nobody chose shows 0. */
function emptyCounts(question: SurveyQuestion): Record<string, number> {
  if (question.kind === 'choice') return Object.fromEntries((question.options ?? []).map((o) => [o.key, 0]));
  if (question.kind === 'yesno') return { yes: 0, no: 0 };
  if (question.kind === 'scale' && question.scale) {
    const counts: Record<string, number> = {};
    for (let v = question.scale.min; v <= question.scale.max; v++) counts[String(v)] = 0;
    return counts;
  }
  return {};
}

/**
 * The recipients the reader sees and each phone's latest counted answer per question before the
 * survey's `closesAt`, as SQL shared by the results and the CSV. $1 the survey, $2 its closesAt.
 */
export function latestAnswersSql(scopeSql: string): string {
  return `delivered_phones as (
      select distinct msg.phone from messages msg where msg.survey_id = $1 and msg.direction = 'outbound' and msg.status = 'delivered'
    ),
    r as (
      select r.id, r.phone, r.language, r.school_ids, r.grades, r.roles, r.started_at, d.phone is not null as delivered
      from survey_recipients r left join delivered_phones d on d.phone = r.phone
      where r.survey_id = $1 and r.status <> 'suppressed' and ${scopeSql}
    ),
    latest as (
      select distinct on (a.phone, a.question_key) a.phone, a.question_key, a.kind, a.option_key, a.value, a.message_id, a.created_at
      from survey_answers a
      where a.survey_id = $1 and a.counted and ($2::timestamptz is null or a.created_at < $2)
      order by a.phone, a.question_key, a.created_at desc, a.id desc
    ),
    answers as (select l.* from latest l join r on r.phone = l.phone)`;
}

interface GroupRow {
  grp: string;
  sent: number;
  responded: number;
  counts: { q: string; k: string | null; n: number; mean: number | null }[] | null;
}

interface ResultRow {
  sent: number;
  delivered: number;
  responded: number;
  per_option: { question_key: string; k: string | null; n: number; mean: number | null }[];
  comments: { question_key: string; body: string | null; language: string | null; translated_body: string | null; created_at: string }[];
  groups: GroupRow[];
}

/** Each group's size, responders, and counts per question and option: `group_rows(grp, sent, responded, counts)`. */
function groupCtes(by: ResultGrouping): string {
  return `g as (select r.phone, r.started_at, unnest(${GROUP_SQL[by]}) as grp from r),
       responders as (select distinct phone from answers),
       sizes as (select g.grp, count(*) filter (where g.started_at is not null)::int as sent, count(p.phone)::int as responded
                 from g left join responders p on p.phone = g.phone group by g.grp),
       counted as (select g.grp, a.question_key as q, case when a.kind = 'answer' then coalesce(a.option_key, a.value::text) end as k, count(*)::int as n, avg(a.value)::float8 as mean
                   from answers a join g on g.phone = a.phone group by g.grp, a.question_key, 3),
       group_rows as (
         select s.grp, s.sent, s.responded,
           (select json_agg(json_build_object('q', c.q, 'k', c.k, 'n', c.n, 'mean', c.mean)) from counted c where c.grp = s.grp) as counts
         from sizes s
       )`;
}

/** Survey results, computed in Postgres: totals, counts per option, means, comments, and the same per group. */
@Injectable()
export class SurveyResultsUseCase {
  constructor(private readonly db: TenantDb) {}

  results(actor: StaffPrincipal, id: string, by?: ResultGrouping): Promise<SurveyResults> {
    if (by !== undefined && !RESULT_GROUPINGS.includes(by)) {
      throw new DomainError('invalid', 'validation failed', [{ field: 'by', message: `by must be one of ${RESULT_GROUPINGS.join(', ')}` }]);
    }
    return this.db.tx(async (m) => {
      const survey = await openSurvey(m, actor, id);
      const params: unknown[] = [id, survey.closes_at];
      const base = latestAnswersSql(FamilyScope.of(actor).phoneSql('r.phone', params));
      // One statement: the recipients and the latest answers are read once for totals, counts, comments and groups.
      const [found]: ResultRow[] = await m.query(
        `with ${base},
         per_option as (
           select question_key, case when kind = 'answer' then coalesce(option_key, value::text) end as k, count(*)::int as n, avg(value)::float8 as mean
           from answers group by 1, 2
         ),
         comment_rows as (
           select * from (
             select a.question_key, msg.body, msg.language, msg.translated_body, a.created_at,
               row_number() over (partition by a.question_key order by a.created_at desc, a.message_id) as nth
             from answers a join messages msg on msg.id = a.message_id where a.kind in ('text', 'comment')
           ) c where nth <= ${COMMENTS_PER_QUESTION}
         )${by ? `,\n${groupCtes(by)}` : ''}
         select
           (select count(*) filter (where started_at is not null)::int from r) as sent,
           (select count(*) filter (where delivered)::int from r) as delivered,
           (select count(distinct phone)::int from answers) as responded,
           (select coalesce(json_agg(p), '[]') from per_option p) as per_option,
           (select coalesce(json_agg(c order by c.question_key, c.created_at desc), '[]') from comment_rows c) as comments,
           ${by ? `(select coalesce(json_agg(s order by s.grp), '[]') from group_rows s)` : `'[]'::json`} as groups`,
        params,
      );
      const questions = survey.questions.map((question): QuestionResult => {
        const rows = found.per_option.filter((row) => row.question_key === question.key);
        const counts = emptyCounts(question);
        for (const row of rows) if (row.k !== null) counts[row.k] = (counts[row.k] ?? 0) + row.n;
        const values = rows.filter((row) => row.mean !== null);
        const total = values.reduce((sum, row) => sum + row.n, 0);
        return {
          key: question.key,
          kind: question.kind,
          answered: rows.reduce((sum, row) => sum + row.n, 0),
          counts,
          ...(question.kind === 'scale'
            ? { mean: total > 0 ? Math.round((values.reduce((sum, row) => sum + row.mean! * row.n, 0) / total) * 100) / 100 : null }
            : {}),
          comments: found.comments
            .filter((c) => c.question_key === question.key)
            .map((c) => ({ body: c.body, language: c.language, translatedBody: c.translated_body, createdAt: new Date(c.created_at).toISOString() })),
        };
      });
      return {
        status: survey.status,
        sent: found.sent,
        delivered: found.delivered,
        responded: found.responded,
        responseRate: rate(found.responded, found.sent),
        questions,
        groups: by ? await this.groups(m, survey, found.groups, by) : [],
      };
    });
  }

  private async groups(m: EntityManager, survey: SurveyRow, found: GroupRow[], by: ResultGrouping): Promise<GroupResult[]> {
    const names = new Map<string, string>();
    if (by === 'school') {
      const ids = found.map((f) => f.grp).filter((g) => /^[0-9a-f-]{36}$/.test(g));
      for (const row of await m.query(`select id::text, name from schools where id = any($1::uuid[])`, [ids])) names.set(row.id, row.name);
    }
    return found.map((row) => {
      const counts: Record<string, Record<string, number>> = {};
      const means: Record<string, number | null> = {};
      for (const question of survey.questions) {
        counts[question.key] = emptyCounts(question);
        if (question.kind === 'scale') means[question.key] = null;
      }
      const sums = new Map<string, { total: number; n: number }>();
      for (const c of row.counts ?? []) {
        if (!counts[c.q] || c.k === null) continue;
        counts[c.q][c.k] = (counts[c.q][c.k] ?? 0) + c.n;
        if (c.mean !== null) sums.set(c.q, { total: (sums.get(c.q)?.total ?? 0) + c.mean * c.n, n: (sums.get(c.q)?.n ?? 0) + c.n });
      }
      for (const [q, s] of sums) means[q] = Math.round((s.total / s.n) * 100) / 100;
      return {
        group: row.grp,
        ...(names.has(row.grp) ? { label: names.get(row.grp) } : {}),
        sent: row.sent,
        responded: row.responded,
        responseRate: rate(row.responded, row.sent),
        counts,
        means,
      };
    });
  }
}
