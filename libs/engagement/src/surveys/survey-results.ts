import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, schoolNames } from '@porchlight/contacts';
import { queryOne, TenantDb } from '@porchlight/database';
import { messageTextsSql } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { SurveyEntity } from '../data/survey.entity';
import { openSurvey } from './survey-access';
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
 * True when recipient `r` of survey $1 is one the reader sees (`scopeSql`, over `r.phone`) and was
 * not suppressed: shared by the results and the CSV. Each recipient's latest counted answer per
 * question before the survey's `closesAt` is its `survey_latest_answers` rows, kept by the answer
 * write, and `r.responded` says it has one; `r.delivered` is kept by status callbacks.
 */
export function visibleRecipientSql(scopeSql: string): string {
  return `r.survey_id = $1 and r.status <> 'suppressed' and ${scopeSql}`;
}

/**
 * True when latest answer `a` is of survey $1 and of a phone the reader sees (`scopeSql`, over
 * `a.phone`). A suppressed recipient is never asked, so it has no answer to leave out: the rows are
 * read without their recipients.
 */
function visibleAnswerSql(scopeSql: string): string {
  return `a.survey_id = $1 and ${scopeSql}`;
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

const OPTION_SQL = `case when a.kind = 'answer' then coalesce(a.option_key, a.value::text) end`;

/**
 * Totals and counts per option, and with `by` the same per group: `totals(sent, delivered,
 * responded)`, `per_option(question_key, k, n, mean)` and `group_rows(grp, sent, responded,
 * counts)`. Without groups, the answers are read without their recipients. With groups, recipients
 * and answers are first counted per list of groups (a handful: the languages, the schools' lists),
 * once each, then the lists are unnested: a phone in two schools counts in both groups and once in
 * the totals.
 */
function countCtes(by: ResultGrouping | undefined, recipients: () => string, answers: () => string): string {
  if (!by) {
    return `totals as (
           select count(*) filter (where r.started_at is not null)::int as sent, count(*) filter (where r.delivered)::int as delivered,
             count(*) filter (where r.responded)::int as responded
           from survey_recipients r where ${recipients()}
         ),
         per_option as (
           select a.question_key, ${OPTION_SQL} as k, count(*)::int as n, avg(a.value)::float8 as mean
           from survey_latest_answers a where ${answers()} group by 1, 2
         )`;
  }
  return `lists as materialized (
           select ${GROUP_SQL[by]} as grps, count(*) filter (where r.started_at is not null) as sent, count(*) filter (where r.delivered) as delivered,
             count(*) filter (where r.responded) as responded
           from survey_recipients r where ${recipients()} group by 1
         ),
         totals as (select coalesce(sum(sent), 0)::int as sent, coalesce(sum(delivered), 0)::int as delivered, coalesce(sum(responded), 0)::int as responded from lists),
         answer_lists as materialized (
           select ${GROUP_SQL[by]} as grps, a.question_key as q, ${OPTION_SQL} as k, count(*) as n, sum(a.value) as total, count(a.value) as valued
           from survey_latest_answers a join survey_recipients r on r.id = a.recipient_id
           where a.survey_id = $1 and ${recipients()} group by 1, 2, 3
         ),
         per_option as (
           select q as question_key, k, sum(n)::int as n, (sum(total) / nullif(sum(valued), 0))::float8 as mean from answer_lists group by 1, 2
         ),
         sizes as (select g.grp, sum(l.sent)::int as sent, sum(l.responded)::int as responded from lists l cross join unnest(l.grps) as g(grp) group by g.grp),
         counted as materialized (
           select g.grp, l.q, l.k, sum(l.n)::int as n, (sum(l.total) / nullif(sum(l.valued), 0))::float8 as mean
           from answer_lists l cross join unnest(l.grps) as g(grp) group by 1, 2, 3
         ),
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
      const scope = FamilyScope.of(actor);
      const params: unknown[] = [id];
      // Each part reads the rows it needs in one pass, so Postgres plans every join with the tables' statistics.
      const recipients = () => visibleRecipientSql(scope.phoneSql('r.phone', params));
      const answers = () => visibleAnswerSql(scope.phoneSql('a.phone', params));
      // One statement: totals from the recipients' flags; counts, means and comments from the narrow latest-answer rows.
      const found = await queryOne<ResultRow>(
        m,
        `with ${countCtes(by, recipients, answers)},
         comment_rows as (
           select * from (
             select a.question_key, msg.body, msg.language, msg.translated_body, a.created_at,
               row_number() over (partition by a.question_key order by a.created_at desc, a.message_id) as nth
             from survey_latest_answers a join (${messageTextsSql()}) msg on msg.id = a.message_id
             where ${answers()} and a.kind in ('text', 'comment')
           ) c where nth <= ${String(COMMENTS_PER_QUESTION)}
         )
         select t.sent, t.delivered, t.responded,
           (select coalesce(json_agg(p), '[]') from per_option p) as per_option,
           (select coalesce(json_agg(c order by c.question_key, c.created_at desc), '[]') from comment_rows c) as comments,
           ${by ? `(select coalesce(json_agg(s order by s.grp), '[]') from group_rows s)` : `'[]'::json`} as groups
         from totals t`,
        params,
      );
      if (!found) throw DomainError.notFound('survey');
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
            ? { mean: total > 0 ? Math.round((values.reduce((sum, row) => sum + (row.mean ?? 0) * row.n, 0) / total) * 100) / 100 : null }
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

  private async groups(m: EntityManager, survey: SurveyEntity, found: GroupRow[], by: ResultGrouping): Promise<GroupResult[]> {
    const names = new Map<string, string>();
    if (by === 'school') {
      const ids = found.map((f) => f.grp).filter((g) => /^[0-9a-f-]{36}$/.test(g));
      for (const [schoolId, name] of await schoolNames(m, ids)) names.set(schoolId, name);
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
        if (!Object.hasOwn(counts, c.q) || c.k === null) continue;
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
