import { Injectable } from '@nestjs/common';
import { NOTICE_STATUSES, StaffPrincipal } from '@porchlight/contracts';
import { Cursor, FamilyScope, Page, pageOf } from '@porchlight/contacts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { staffMembersForMessaging } from '@porchlight/identity';
import { translatedLanguagesSql } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { countRows, emptyNoticeStats, noticeAudience, NoticeStats } from '../notice-visibility';
import { NoticeRow, toNoticeView } from './notice-reader';
import { NoticeSummary } from './notice-views';

export const NOTICE_LIST_STATUSES = [...NOTICE_STATUSES] as const;

export interface ListNoticesFilter {
  status?: string;
  cursor?: string;
  limit?: number;
}

interface ListedRow extends NoticeRow {
  translated_languages: string[];
}

/** Rows read per round while looking for visible notices (drafts of colleagues are judged one by one). */
const BATCH = 100;

/**
 * The notices the caller may open (docs/roles.md), newest first, each with its status, the
 * delivery counts of the caller's families, a summary of its audience, its languages and its
 * author. The filter is on the status the API shows (`sent` once nothing waits).
 */
@Injectable()
export class ListNoticesUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(actor: StaffPrincipal, filter: ListNoticesFilter): Promise<Page<NoticeSummary>> {
    const limit = Math.min(Math.max(filter.limit ?? 25, 1), 100);
    let after = Cursor.decode(filter.cursor, ['time', 'uuid']);
    const reader = FamilyScope.of(actor);
    return this.db.tx(async (m) => {
      const visible: ListedRow[] = [];
      for (;;) {
        const batch = await this.candidates(m, actor, reader, filter.status ?? null, after);
        for (const row of batch) {
          if (visible.length > limit) break;
          if (await this.opens(m, actor, reader, row)) visible.push(row);
        }
        if (visible.length > limit || batch.length < BATCH) break;
        const last = batch[batch.length - 1];
        after = [new Date(last.created_at).toISOString(), last.id];
      }
      const stats = await this.stats(
        m,
        visible.slice(0, limit).map((row) => row.id),
        reader,
      );
      const authors = new Map(
        (
          await staffMembersForMessaging(
            m,
            visible.flatMap((row) => (row.author_user_id ? [row.author_user_id] : [])),
          )
        ).map((user) => [user.id, user]),
      );
      const items = visible.map((row) => {
        const { stats: counts, unfinished } = stats.get(row.id) ?? { stats: emptyNoticeStats(), unfinished: 0 };
        const view = toNoticeView(row, counts, unfinished, { waiting: 0, waits: [], overridden: row.quiet_hours_overridden });
        const languages = [...new Set([row.source_language, ...row.translated_languages, ...Object.keys(counts.byLanguage)])].sort();
        return {
          id: view.id,
          title: view.title,
          body: view.body,
          sourceLanguage: view.sourceLanguage,
          urgency: view.urgency,
          status: view.status,
          statusReason: view.statusReason,
          scheduledAt: view.scheduledAt,
          createdAt: view.createdAt,
          sendRequestedAt: view.sendRequestedAt,
          audience: view.audience,
          audienceSummary: summarise(view.audience),
          languages,
          author: row.author_user_id ? authorOf(row.author_user_id, authors) : null,
          stats: counts,
        };
      });
      return pageOf(items, limit, (item) => [item.createdAt, item.id]);
    });
  }

  /**
   * One page of notices the caller might open: everything for a district admin; else their own,
   * fanned-out notices with a row to one of their families, and drafts (judged by `opens`).
   */
  private candidates(m: EntityManager, actor: StaffPrincipal, reader: FamilyScope, status: string | null, after: string[] | undefined): Promise<ListedRow[]> {
    const params: unknown[] = [after?.[0] ?? null, after?.[1] ?? null, status, actor.userId, BATCH];
    const scoped = reader.districtWide
      ? '$4::uuid is not null'
      : `(n.author_user_id = $4::uuid or n.fanned_out_at is null or exists (select 1 from messages msg where msg.notice_id = n.id and ${reader.phoneSql('msg.phone', params)}))`;
    return query<ListedRow>(
      m,
      `select n.*,
              ${translatedLanguagesSql('n.id')} as translated_languages
       from notices n
       where ($1::timestamptz is null or (n.created_at, n.id) < ($1::timestamptz, $2::uuid))
         and ($3::text is null or $3 = case
               when n.status = 'sending' and n.fanned_out_at is not null
                    and not exists (select 1 from messages w where w.notice_id = n.id and w.status in ('pending', 'queued', 'sending')) then 'sent'
               else n.status end)
         and ${scoped}
       order by n.created_at desc, n.id desc limit $5`,
      params,
    );
  }

  /** Same rule as `openNotice`: a colleague's notice not yet fanned out opens when its audience holds one of the caller's families. */
  private async opens(m: EntityManager, actor: StaffPrincipal, reader: FamilyScope, row: ListedRow): Promise<boolean> {
    if (reader.districtWide || row.author_user_id === actor.userId || row.fanned_out_at) return true;
    const q = await noticeAudience(m, actor.tenantId, { audience: row.audience, authorUserId: row.author_user_id }, reader);
    const reaches = await queryOne<{ ok: boolean }>(m, `with ${q.ctes} select exists (select 1 from audience_contacts) as ok`, q.params);
    return reaches?.ok === true;
  }

  /** The counts of every listed notice in one statement, over the rows `reader` sees. */
  private async stats(m: EntityManager, ids: string[], reader: FamilyScope): Promise<Map<string, { stats: NoticeStats; unfinished: number }>> {
    const out = new Map<string, { stats: NoticeStats; unfinished: number }>();
    if (ids.length === 0) return out;
    const params: unknown[] = [ids];
    const found = await query<{ notice_id: string; status: string; language: string; n: number; every: number }>(
      m,
      `select msg.notice_id, msg.status, msg.language, count(*) filter (where ${reader.phoneSql('msg.phone', params)})::int as n, count(*)::int as every
       from messages msg where msg.notice_id = any($1::uuid[]) group by msg.notice_id, msg.status, msg.language`,
      params,
    );
    for (const row of found) {
      const entry = out.get(row.notice_id) ?? { stats: emptyNoticeStats(), unfinished: 0 };
      out.set(row.notice_id, entry);
      countRows(entry, row);
    }
    return out;
  }
}

/** The author as the list names them (a deleted account: only its id). */
function authorOf(id: string, authors: Map<string, { name: string | null; email: string }>): { id: string; name: string | null; email: string | null } {
  const author = authors.get(id);
  return { id, name: author?.name ?? null, email: author?.email ?? null };
}

/** What the audience names, in counts a list can show ("whole district", "2 schools, grade 3"). */
function summarise(audience: NoticeSummary['audience']): NoticeSummary['audienceSummary'] {
  return {
    all: audience.all === true,
    schools: audience.schoolIds?.length ?? 0,
    grades: audience.grades ?? [],
    sections: audience.sectionIds?.length ?? 0,
    contacts: audience.contactIds?.length ?? 0,
  };
}
