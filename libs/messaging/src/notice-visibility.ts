import { Audience, DomainError, StaffPrincipal } from '@porchlight/contracts';
import { AudienceQuery, FamilyScope } from '@porchlight/contacts';
import { query, queryOne } from '@porchlight/database';
import { staffForMessaging, tenantForMessaging } from '@porchlight/identity';
import { EntityManager } from 'typeorm';
import { NoticeRow } from './data/notice-row';
import { audiencePhonesQuery } from './phone-suppression';

export interface NoticeStats {
  total: number;
  pending: number;
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  undelivered: number;
  failed: number;
  /** Stopped before leaving: the notice was canceled. */
  canceled: number;
  suppressed: number;
  byLanguage: Record<string, number>;
}

/**
 * Which notices a staff member can open, and what of them they see (docs/roles.md).
 *
 * A district admin opens every notice. Anyone else opens the notices they wrote and the notices
 * that reach one of their families: once fanned out, those with a message to one of their
 * families' phones; before, those whose audience, as its author reaches it, holds one of their
 * families (so a liaison can review a colleague's draft). Every other notice answers 404.
 * Inside a notice that spans schools they see only their families' message rows, replies and
 * counts; the notice's own fields (text, audience, status) are not family data.
 */
export async function openNotice(m: EntityManager, actor: StaffPrincipal, id: string): Promise<NoticeRow> {
  const row = await queryOne<NoticeRow>(m, `select * from notices where id = $1`, [id]);
  if (!row) throw DomainError.notFound('notice');
  const reader = FamilyScope.of(actor);
  if (reader.districtWide || row.author_user_id === actor.userId) return row;
  const params: unknown[] = [id];
  if (row.fanned_out_at) {
    const seen = await queryOne<{ ok: boolean }>(
      m,
      `select exists (select 1 from messages msg where msg.notice_id = $1 and ${reader.phoneSql('msg.phone', params)}) as ok`,
      params,
    );
    if (seen?.ok) return row;
  } else {
    const q = await noticeAudience(m, actor.tenantId, { audience: row.audience, authorUserId: row.author_user_id }, reader);
    const reaches = await queryOne<{ ok: boolean }>(m, `with ${q.ctes} select exists (select 1 from audience_contacts) as ok`, q.params);
    if (reaches?.ok) return row;
  }
  throw DomainError.notFound('notice');
}

/** A notice's author's scope, read from the author's account now; a notice without a known author reaches nobody. */
export async function authorScope(m: EntityManager, authorUserId: string | null): Promise<FamilyScope> {
  const author = authorUserId ? await staffForMessaging(m, authorUserId) : undefined;
  return FamilyScope.of({ role: author?.role, schoolIds: author?.schoolIds });
}

/** The audience a notice reaches (its author's families), narrowed to what `reader` sees. */
export async function noticeAudience(
  m: EntityManager,
  tenantId: string,
  notice: { audience: Audience; authorUserId: string | null },
  reader: FamilyScope = FamilyScope.district,
): Promise<AudienceQuery> {
  const { defaultLanguage } = await tenantForMessaging(m, tenantId);
  const scope = (await authorScope(m, notice.authorUserId)).and(reader);
  return audiencePhonesQuery({ tenantId, audience: notice.audience, defaultLanguage, scope });
}

export function emptyNoticeStats(): NoticeStats {
  return { total: 0, pending: 0, queued: 0, sending: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 0, suppressed: 0, byLanguage: {} };
}

/** Rows still on their way (not yet handed to the provider's verdict). */
export const UNFINISHED_STATUSES = ['pending', 'queued', 'sending'];

const COUNTED_STATUSES = ['pending', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'canceled', 'suppressed'] as const;
const isCountedStatus = (status: string): status is (typeof COUNTED_STATUSES)[number] => (COUNTED_STATUSES as readonly string[]).includes(status);

/** Adds `n` rows of one status and language (`every`: the same rows whatever the reader sees) to `into`. */
export function countRows(into: { stats: NoticeStats; unfinished: number }, row: { status: string; language: string; n: number; every: number }): void {
  if (UNFINISHED_STATUSES.includes(row.status)) into.unfinished += row.every;
  if (row.n === 0) return;
  into.stats.total += row.n;
  if (isCountedStatus(row.status)) into.stats[row.status] += row.n;
  if (row.status !== 'suppressed') into.stats.byLanguage[row.language] = (into.stats.byLanguage[row.language] ?? 0) + row.n;
}

/**
 * The delivery counts of a notice over the message rows `reader` sees; `unfinished` counts every
 * row (whether the notice is done is not family data). For a school-level reader the visible rows
 * are found from the scope's phones (a semi-join Postgres may start from either side) and the
 * unfinished rows through the status index, rather than testing each of a large notice's rows
 * against the scope (docs/performance.md, "Opening a large notice").
 */
export async function noticeStats(m: EntityManager, noticeId: string, reader: FamilyScope): Promise<{ stats: NoticeStats; unfinished: number }> {
  const params: unknown[] = [noticeId];
  const sql = reader.districtWide
    ? `select msg.status, msg.language, count(*)::int as n, count(*)::int as every
       from messages msg where msg.notice_id = $1 group by msg.status, msg.language`
    : `select msg.status, msg.language, count(*)::int as n, 0 as every
       from messages msg where msg.notice_id = $1 and ${reader.phoneSql('msg.phone', params)} group by msg.status, msg.language
       union all
       select msg.status, msg.language, 0, count(*)::int
       from messages msg where msg.notice_id = $1 and msg.status = any($${String(params.length + 1)}::text[]) group by msg.status, msg.language`;
  if (!reader.districtWide) params.push(UNFINISHED_STATUSES);
  const found = await query<{ status: string; language: string; n: number; every: number }>(m, sql, params);
  const into = { stats: emptyNoticeStats(), unfinished: 0 };
  for (const row of found) countRows(into, row);
  return into;
}
