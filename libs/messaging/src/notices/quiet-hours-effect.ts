import { AudienceQuery, FamilyScope } from '@porchlight/contacts';
import { query } from '@porchlight/database';
import { tenantQuietHoursSql } from '@porchlight/identity';
import { EntityManager } from 'typeorm';

/** What quiet hours do to a notice: who waits until when (normal notices), who is reached inside them anyway (urgent, emergency). */
export interface QuietHoursEffect {
  /** Families whose message waits for their sending window. */
  waiting: number;
  /** The waits, earliest first: families whose window opens at `until`. */
  waits: { until: string; recipients: number }[];
  /** Families an urgent notice or an emergency reaches inside their quiet hours (the override, audited at fan-out). */
  overridden: number;
}

/** Recipients whose window opens in one minute. */
export interface WaitRow {
  until: Date;
  n: number;
}

export const toWaits = (found: WaitRow[]) => found.map((r) => ({ until: new Date(r.until).toISOString(), recipients: r.n }));

/**
 * Before sending: the same rule fan-out applies (each recipient's window in their zone, judged at
 * the scheduled time or now), over the audience `q` (messaging's `audiencePhonesQuery`, whose
 * `audience_phones` carries each phone's time zone), without writing anything.
 */
export async function plannedQuietHours(
  m: EntityManager,
  q: AudienceQuery,
  notice: { urgency: string; scheduledAt: string | null },
): Promise<QuietHoursEffect> {
  // $1 of an audience query is the tenant; the scheduled time follows the audience's parameters.
  const at = `$${String(q.params.length + 1)}::timestamptz`;
  const found = await query<WaitRow>(
    m,
    `with ${q.ctes},
     tenant as (${tenantQuietHoursSql('$1')}),
     windows as (
       select next_sending_time_at(
                coalesce(ap.time_zone, phone_time_zone(ap.phone), tenant.timezone),
                tenant.quiet_hours_start, tenant.quiet_hours_end, greatest(now(), coalesce(${at}, now()))) as opens
       from audience_phones ap cross join tenant where not ap.opted_out and not ap.invalid
     )
     select date_trunc('minute', opens) as until, count(*)::int as n from windows
     where opens > greatest(now(), coalesce(${at}, now())) group by 1 order by 1`,
    [...q.params, notice.scheduledAt],
  );
  const outside = found.reduce((sum, r) => sum + r.n, 0);
  if (notice.urgency !== 'normal') return { waiting: 0, waits: [], overridden: outside };
  return { waiting: outside, waits: toWaits(found), overridden: 0 };
}

/** After fan-out: the rows of `reader`'s families still waiting for their window, and the override counted at fan-out. */
export async function currentQuietHours(m: EntityManager, noticeId: string, overridden: number, reader: FamilyScope): Promise<QuietHoursEffect> {
  const params: unknown[] = [noticeId];
  const found = await query<WaitRow>(
    m,
    `select date_trunc('minute', msg.send_after) as until, count(*)::int as n from messages msg
     where msg.notice_id = $1 and msg.status in ('pending', 'queued') and msg.send_after > now() and ${reader.phoneSql('msg.phone', params)}
     group by 1 order by 1`,
    params,
  );
  const waits = toWaits(found);
  return { waiting: waits.reduce((sum, w) => sum + w.recipients, 0), waits, overridden };
}
