import { Audience } from '@porchlight/contracts';
import { FamilyScope } from './visibility';

/**
 * The audience of a notice as set-based SQL. One definition serves the preview (counts) and the
 * fan-out (one message row per phone), so the two can never disagree.
 *
 * Parts of an audience combine as a union: the whole district, contacts by id, and families with a
 * child in one of the schools, in one of the grades, or enrolled in one of the sections (classes). The
 * audience never reaches past `scope`, the author's `FamilyScope`: staff limited to some schools reach
 * only families with a child in those schools, whatever the audience says.
 *
 * One phone, one message: when several contacts share a phone, the message goes in the language
 * most of them prefer; on a tie, a language other than the district's default wins (the family
 * member who needs a translation gets one); then the alphabetically first language.
 *
 * Whether a phone may be texted (opted out, invalid) is messaging's to say: messaging's
 * `audiencePhonesQuery` adds it to these families.
 */
export interface AudienceQuery {
  /** CTEs, comma-separated, to follow `with`; each builder says which it defines. */
  ctes: string;
  params: unknown[];
}

export interface AudienceArgs {
  tenantId: string;
  audience: Audience;
  defaultLanguage: string;
  /** The families the audience may reach: its author's (and, for a preview, the reader's too). */
  scope: FamilyScope;
}

/**
 * CTEs defining `audience_contacts(id, phone, language, time_zone)`, the live family members the
 * audience reaches, and `audience_chosen(phone, language, contact_ids, time_zone)`, one row per
 * phone with the language its message goes in and the time zone set on one of its family members
 * (the greatest when several; null when none, for quiet hours to fall back on). `$1` is the tenant.
 */
export function audienceContactsQuery(args: AudienceArgs): AudienceQuery {
  const { audience } = args;
  const params: unknown[] = [
    args.tenantId,
    audience.all === true,
    audience.contactIds ?? [],
    audience.schoolIds ?? [],
    audience.grades ?? [],
    args.defaultLanguage,
    audience.sectionIds ?? [],
  ];
  const visible = args.scope.contactSql('c', params);
  const ctes = `
    audience_contacts as (
      select c.id, c.phone, c.language, c.time_zone
      from contacts c
      where c.tenant_id = $1 and c.erased_at is null
        and ($2::boolean
             or c.id = any($3::uuid[])
             or exists (select 1 from contact_students cs join students s on s.id = cs.student_id
                        where cs.contact_id = c.id and (s.school_id = any($4::uuid[]) or s.grade = any($5::text[])))
             or exists (select 1 from contact_students cs join enrollments e on e.student_id = cs.student_id
                        where cs.contact_id = c.id and e.section_id = any($7::uuid[])))
        and ${visible}
    ),
    phone_rows as (
      select phone, id, language, time_zone, count(*) over (partition by phone, language) as n
      from audience_contacts where phone is not null
    ),
    -- One aggregate per phone, no join between CTEs: the plan stays linear however wrong the
    -- planner's row estimates are (right after a large roster import, they are).
    audience_chosen as (
      select phone,
        (array_agg(language order by n desc, (language = $6) asc, language asc))[1] as language,
        array_agg(id order by id) as contact_ids,
        max(time_zone) as time_zone
      from phone_rows group by phone
    )`;
  return { ctes, params };
}

export interface AudienceCounts {
  total: number;
  byLanguage: Record<string, number>;
  suppressed: { optedOut: number; invalid: number; noPhone: number };
}

/** The row `audienceCountsSql` (and messaging's `audiencePhoneCountsSql`) returns. */
export interface AudienceCountsRow {
  by_language: Record<string, number>;
  opted_out: number;
  invalid: number;
  no_phone: number;
}

/**
 * SQL (with the query's params) returning one row per language plus suppression counts, over a
 * query defining `audience_contacts` and `audience_phones` (messaging's `audiencePhonesQuery`).
 */
export function audienceCountsSql(q: AudienceQuery): string {
  return `with ${q.ctes}
    select
      (select coalesce(jsonb_object_agg(language, n), '{}') from (
         select language, count(*)::int as n from audience_phones where not opted_out and not invalid group by language) l) as by_language,
      (select count(*)::int from audience_phones where opted_out) as opted_out,
      (select count(*)::int from audience_phones where invalid) as invalid,
      (select count(*)::int from audience_contacts where phone is null) as no_phone`;
}

export function toAudienceCounts(row: AudienceCountsRow): AudienceCounts {
  const byLanguage = row.by_language;
  return {
    total: Object.values(byLanguage).reduce((sum, n) => sum + n, 0),
    byLanguage,
    suppressed: { optedOut: row.opted_out, invalid: row.invalid, noPhone: row.no_phone },
  };
}
