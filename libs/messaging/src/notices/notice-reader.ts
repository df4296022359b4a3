import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { audienceCountsSql, AudienceCounts, FamilyScope, toAudienceCounts } from '@porchlight/contacts';
import { EntityManager } from 'typeorm';
import { noticeAudience, NoticeStats, noticeStats, openNotice } from '../notice-visibility';
import { NoticeView } from './notice-views';
import { currentQuietHours, QuietHoursEffect } from './quiet-hours-effect';

/** A `notices` row as Postgres returns it. */
export interface NoticeRow {
  id: string;
  title: string | null;
  body: string;
  source_language: string;
  audience: NoticeView['audience'];
  urgency: NoticeView['urgency'];
  status: string;
  status_reason: string | null;
  scheduled_at: Date | null;
  poll: NoticeView['poll'];
  template_key: string | null;
  template_variables: Record<string, string | number> | null;
  smart_encoding: boolean;
  author_user_id: string | null;
  created_at: Date;
  send_requested_at: Date | null;
  fanned_out_at: Date | null;
  quiet_hours_overridden: number;
}

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
    createdAt: iso(row.created_at)!,
    sendRequestedAt: iso(row.send_requested_at),
    stats,
    quietHours,
  };
}

/** The notice as `actor` sees it (404 unless they may open it), counts limited to their families. */
export async function loadNotice(m: EntityManager, actor: StaffPrincipal, id: string): Promise<NoticeView> {
  const row: NoticeRow = await openNotice(m, actor, id);
  const reader = FamilyScope.of(actor);
  const { stats, unfinished } = await noticeStats(m, id, reader);
  return toNoticeView(row, stats, unfinished, await currentQuietHours(m, id, row.quiet_hours_overridden, reader));
}

/** Who the notice reaches (its author's families, as the fan-out will), narrowed to what `reader` sees. */
export async function noticeCounts(
  m: EntityManager,
  actor: StaffPrincipal,
  notice: NoticeView,
  reader: FamilyScope = FamilyScope.district,
): Promise<AudienceCounts> {
  const q = await noticeAudience(m, actor.tenantId, notice, reader);
  const [row] = await m.query(audienceCountsSql(q), q.params);
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
  const [beyond] = await m.query(
    `with ${q.ctes} select exists (select 1 from audience_contacts ac where not ${scope.contactSql('ac', params)}) as yes`,
    params,
  );
  if (beyond.yes) throw new DomainError('forbidden', `this notice reaches families outside your schools: its author or a district admin ${verb} it`);
}
