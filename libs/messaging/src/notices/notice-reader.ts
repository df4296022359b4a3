import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { audienceCountsSql, AudienceCounts, FamilyScope, toAudienceCounts } from '@porchlight/contacts';
import { query, queryOne } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { countRows, emptyNoticeStats, noticeAudience, NoticeStats, noticeStats, openNotice, UNFINISHED_STATUSES } from '../notice-visibility';
import { NoticeRow } from '../data/notice-row';
import { NoticeView } from './notice-views';
import { currentQuietHours, QuietHoursEffect, toWaits, WaitRow } from './quiet-hours-effect';

export type { NoticeRow } from '../data/notice-row';

export const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/** A fanned-out notice none of whose rows still waits is `sent`, whatever the row says. */
export function effectiveStatus(row: Pick<NoticeRow, 'status' | 'fanned_out_at'>, unfinished: number): string {
  return row.status === 'sending' && row.fanned_out_at && unfinished === 0 ? 'sent' : row.status;
}

export function toNoticeView(row: NoticeRow, stats: NoticeStats, unfinished: number, quietHours: QuietHoursEffect): NoticeView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    sourceLanguage: row.source_language,
    audience: row.audience,
    urgency: row.urgency,
    status: effectiveStatus(row, unfinished),
    statusReason: row.status_reason,
    scheduledAt: iso(row.scheduled_at),
    poll: row.poll,
    template: row.template_key ? { key: row.template_key, variables: row.template_variables ?? {} } : null,
    smartEncoding: row.smart_encoding,
    authorUserId: row.author_user_id,
    createdAt: new Date(row.created_at).toISOString(),
    sendRequestedAt: iso(row.send_requested_at),
    stats,
    quietHours,
  };
}

/** The notice as `actor` sees it (404 unless they may open it), counts limited to their families. */
export async function loadNotice(m: EntityManager, actor: StaffPrincipal, id: string): Promise<NoticeView> {
  const row = await openNotice(m, actor, id);
  const reader = FamilyScope.of(actor);
  if (!reader.districtWide) {
    const { stats, unfinished, waits } = await scopedCounts(m, id, reader);
    const quietHours = { waiting: waits.reduce((sum, w) => sum + w.recipients, 0), waits, overridden: row.quiet_hours_overridden };
    return toNoticeView(row, stats, unfinished, quietHours);
  }
  const { stats, unfinished } = await noticeStats(m, id, reader);
  return toNoticeView(row, stats, unfinished, await currentQuietHours(m, id, row.quiet_hours_overridden, reader));
}

/**
 * For a school-level reader, `noticeStats` and `currentQuietHours` in one statement over one pass
 * of the scope's phones (building that set is most of either's cost on a large notice); the
 * unfinished rows, counted over every row, through the `(notice_id, status)` index.
 */
async function scopedCounts(
  m: EntityManager,
  noticeId: string,
  reader: FamilyScope,
): Promise<{ stats: NoticeStats; unfinished: number; waits: QuietHoursEffect['waits'] }> {
  const params: unknown[] = [noticeId];
  const seen = reader.phoneSql('msg.phone', params);
  params.push(UNFINISHED_STATUSES);
  const found = await query<{ part: string; status: string; language: string; n: number; every: number; until: Date }>(
    m,
    `with seen as materialized (select msg.status, msg.language, msg.send_after from messages msg where msg.notice_id = $1 and ${seen})
     select 'rows' as part, status, language, count(*)::int as n, 0 as every, null::timestamptz as until from seen group by status, language
     union all
     select 'rows', msg.status, msg.language, 0, count(*)::int, null from messages msg
     where msg.notice_id = $1 and msg.status = any($${String(params.length)}::text[]) group by msg.status, msg.language
     union all
     select 'waits', null, null, count(*)::int, 0, date_trunc('minute', send_after) from seen
     where status in ('pending', 'queued') and send_after > now() group by date_trunc('minute', send_after)
     order by part, until`,
    params,
  );
  const into = { stats: emptyNoticeStats(), unfinished: 0 };
  for (const r of found.filter((f) => f.part === 'rows')) countRows(into, r);
  const waits: WaitRow[] = found.filter((f) => f.part === 'waits');
  return { ...into, waits: toWaits(waits) };
}

/** Who the notice reaches (its author's families, as the fan-out will), narrowed to what `reader` sees. */
export async function noticeCounts(
  m: EntityManager,
  actor: StaffPrincipal,
  notice: NoticeView,
  reader: FamilyScope = FamilyScope.district,
): Promise<AudienceCounts> {
  const q = await noticeAudience(m, actor.tenantId, notice, reader);
  const row = await queryOne<Parameters<typeof toAudienceCounts>[0]>(m, audienceCountsSql(q), q.params);
  if (!row) throw new Error('audience counts gave no row');
  return toAudienceCounts(row);
}

/**
 * Sending (or canceling) someone else's notice acts on its author's families: a school-level user
 * may do it only when every family it reaches is one of theirs (403 otherwise).
 */
export async function checkSender(m: EntityManager, actor: StaffPrincipal, notice: NoticeView, verb: 'sends' | 'cancels'): Promise<void> {
  const scope = FamilyScope.of(actor);
  if (scope.districtWide || notice.authorUserId === actor.userId) return;
  const q = await noticeAudience(m, actor.tenantId, notice);
  const params = [...q.params];
  const beyond = await queryOne<{ yes: boolean }>(
    m,
    `with ${q.ctes} select exists (select 1 from audience_contacts ac where not ${scope.contactSql('ac', params)}) as yes`,
    params,
  );
  if (beyond?.yes) throw new DomainError('forbidden', `this notice reaches families outside your schools: its author or a district admin ${verb} it`);
}
