import { FamilyScope, studentFamiliesSql, studentsSql } from '@porchlight/contacts';
import { deliveredMessagesSql, familyRepliesSql, phoneConsentSql } from '@porchlight/messaging';

/** What a reach report is broken down by. */
export const REACH_GROUPINGS = ['language', 'school', 'grade', 'role'] as const;
export type ReachGrouping = (typeof REACH_GROUPINGS)[number];

/**
 * SURVEY ANSWERS SEAM — the one place the reach report learns that a family answered a survey.
 * A statement with the columns `phone` (E.164) and `answered_at` (timestamptz): one row per survey
 * answer received from that phone. Parameters `$1` and `$2` are the window's start and end, for a
 * statement that wants to narrow its own scan (the report filters on `answered_at` again). Counted
 * answers only (one given after its survey closed is not voice counted here either), read through
 * the `survey_answers_reach` index.
 */
export const SURVEY_ANSWERS_SQL = `select phone, created_at as answered_at from survey_answers where counted and created_at >= $1::timestamptz and created_at < $2::timestamptz`;

/** Where each grouping's key comes from: the student (school, grade) or the family member (language, role). */
const GROUP_KEY: Record<ReachGrouping, string> = {
  school: 's.school_id::text',
  grade: 's.grade',
  language: 'f.language',
  role: 'f.role',
};

/** Groupings with one group per student: the district is their sum, with no second pass over students. */
const STUDENT_KEYED = new Set<ReachGrouping>(['school', 'grade']);

/** One row of the report's statement: a group (`level` = 'group') or the caller's whole scope ('district'). */
export interface ReachRow {
  level: 'group' | 'district';
  group_key: string | null;
  students: string;
  reached: string;
  heard: string;
  replied: string;
  answered: string;
  opted_out: string;
  no_phone: string;
  /** Per week of the window, oldest first: students reached that week, and heard that week. */
  weeks_reached: string[];
  weeks_heard: string[];
}

export interface ReachWindow {
  from: Date;
  to: Date;
  /** Monday 00:00 UTC of the week `from` falls in. */
  weekOrigin: Date;
  /** Weeks from `weekOrigin` to `to` (at most 60, so a week is one bit of a bigint). */
  weeks: number;
}

/**
 * The reach report as one statement, computed by Postgres over the two partial indexes of
 * delivered messages and replies (migration 1733700000000): each phone's weeks reached and
 * heard as bits of a bigint, OR-ed per student over the phones of the student's family (so a
 * phone shared by two guardians, or by siblings, counts once per student), then counted per
 * group and for the caller's scope. Nothing but counts leaves the database.
 */
export function reachStatement(by: ReachGrouping, window: ReachWindow, scope: FamilyScope): { sql: string; params: unknown[] } {
  const params: unknown[] = [window.from.toISOString(), window.to.toISOString(), window.weekOrigin.getTime() / 1000, window.weeks];
  const inScope = scope.schoolSql('s.school_id', params);
  // The week of a time as seconds since the week origin ($3, epoch seconds): date_part of the
  // timestamp itself is double precision and half the cost per row of the interval between the
  // two (extract() is numeric, slower still).
  const week = (column: string) => `(1::bigint << floor((date_part('epoch', ${column}) - $3::float8) / 604800)::int)`;
  const sql = `
    with reached as materialized (
      select phone, bit_or(${week('created_at')}) as weeks from (${deliveredMessagesSql('$1', '$2')}) delivered
      group by phone
    ),
    spoke as materialized (
      select phone, bit_or(case when kind = 'reply' then w else 0 end) as replied, bit_or(case when kind = 'answer' then w else 0 end) as answered
      from (
        select phone, 'reply' as kind, ${week('created_at')} as w from (${familyRepliesSql('$1', '$2')}) replies
        union all
        select phone, 'answer', ${week('answered_at')} from (${SURVEY_ANSWERS_SQL}) answers
        where answered_at >= $1::timestamptz and answered_at < $2::timestamptz
      ) voice
      group by phone
    ),
    family as (
      select c.student_id, c.phone, c.language, c.role,
             p.opted_out_at is not null as opted_out,
             c.phone is not null and p.opted_out_at is null and p.invalid_reason is null as reachable
      from (${studentFamiliesSql()}) c
      left join (${phoneConsentSql()}) p on p.phone = c.phone
    ),
    per_student as materialized (
      select s.id, ${STUDENT_KEYED.has(by) ? `min(${GROUP_KEY[by]})` : GROUP_KEY[by]} as group_key,
             coalesce(bit_or(r.weeks), 0) as reached,
             coalesce(bit_or(v.replied), 0) as replied,
             coalesce(bit_or(v.answered), 0) as answered,
             coalesce(bool_or(f.reachable), false) as reachable,
             coalesce(bool_or(f.opted_out), false) as opted_out
      from (${studentsSql()}) s
      left join family f on f.student_id = s.id
      left join reached r on r.phone = f.phone
      left join spoke v on v.phone = f.phone
      where ${inScope}
      -- A student's own key (school, grade) is one per student: grouped by the id alone, a narrower hash.
      group by s.id${STUDENT_KEYED.has(by) ? '' : `, ${GROUP_KEY[by]}`}
    ),
    units as (
      select 'group' as level, group_key, reached, replied, answered, reachable, opted_out from per_student
      ${
        STUDENT_KEYED.has(by)
          ? ''
          : `union all
             select 'district', null, bit_or(reached), bit_or(replied), bit_or(answered), bool_or(reachable), bool_or(opted_out)
             from per_student group by id`
      }
    ),
    -- Students alike in the weeks they were reached and heard, counted together.
    unit_kinds as materialized (
      select level, group_key, reached, reached & (replied | answered) as heard,
             count(*) as n,
             count(*) filter (where reached <> 0) as reached_n,
             count(*) filter (where reached <> 0 and (replied | answered) <> 0) as heard_n,
             count(*) filter (where reached <> 0 and replied <> 0) as replied_n,
             count(*) filter (where reached <> 0 and answered <> 0) as answered_n,
             count(*) filter (where not reachable and opted_out) as opted_out_n,
             count(*) filter (where not reachable and not opted_out) as no_phone_n
      from units group by level, group_key, reached, reached & (replied | answered)
    ),
    -- Weeks, eight at a time: each byte of the masks summed per value (at most 256 per group and
    -- byte), then spread over its eight weeks, so a year's window costs little more than a month's.
    own_bytes as materialized (
      select level, group_key, c, (reached >> (8 * c)) & 255 as r, (heard >> (8 * c)) & 255 as h, sum(n) as n
      from unit_kinds cross join generate_series(0, ($4::int + 7) / 8 - 1) c
      group by level, group_key, c, (reached >> (8 * c)) & 255, (heard >> (8 * c)) & 255
    ),
    own_totals as materialized (
      select level, group_key, sum(n) as students, sum(reached_n) as reached, sum(heard_n) as heard, sum(replied_n) as replied,
             sum(answered_n) as answered, sum(opted_out_n) as opted_out, sum(no_phone_n) as no_phone
      from unit_kinds group by level, group_key
    ),
    ${
      // One group per student: the district's figures and bytes are the groups' added up, not a second pass over students.
      STUDENT_KEYED.has(by)
        ? `bytes as (
             select * from own_bytes
             union all
             select 'district', null, c, r, h, sum(n) from own_bytes group by c, r, h
           ),
           totals as (
             select * from own_totals
             union all
             select 'district', null, sum(students), sum(reached), sum(heard), sum(replied), sum(answered), sum(opted_out), sum(no_phone) from own_totals
           ),`
        : `bytes as (select * from own_bytes),
           totals as (select * from own_totals),`
    }
    weekly as (
      select level, group_key, array_agg(r order by wk) as weeks_reached, array_agg(h order by wk) as weeks_heard
      from (
        select level, group_key, 8 * c + b as wk,
               coalesce(sum(n) filter (where (r >> b) & 1 = 1), 0) as r,
               coalesce(sum(n) filter (where (h >> b) & 1 = 1), 0) as h
        from bytes cross join generate_series(0, 7) b
        where 8 * c + b < $4::int
        group by level, group_key, 8 * c + b
      ) per_week
      group by level, group_key
    )
    select t.level, t.group_key, t.students, t.reached, t.heard, t.replied, t.answered, t.opted_out, t.no_phone,
           w.weeks_reached, w.weeks_heard
    from totals t
    join weekly w on w.level = t.level and w.group_key is not distinct from t.group_key
    order by t.level, t.group_key nulls last`;
  return { sql, params };
}
