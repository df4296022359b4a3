import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { Cursor, FamilyScope, Page, pageOf } from '@porchlight/contacts';
import { query, TenantDb } from '@porchlight/database';
import { messageText, TextRemovalReason } from '../message-text';
import { loadNotice } from './notice-reader';
import { NoticeReplyView } from './notice-views';

/** A family reply as the list reads it, with the family's thread. */
interface NoticeReplyRow {
  id: string;
  phone: string;
  contact_ids: string[];
  body: string;
  language: string | null;
  translated_body: string | null;
  translated_language: string | null;
  body_erased_at: Date | null;
  body_erased_by: TextRemovalReason | null;
  created_at: Date;
  conversation_id: string | null;
}

@Injectable()
export class ListNoticeRepliesUseCase {
  constructor(private readonly db: TenantDb) {}

  /**
   * Family replies to a notice: inbound messages from its recipients whose latest notice, when
   * they wrote, was this one. Each with its detected language and the staff translation.
   */
  async execute(actor: StaffPrincipal, id: string, filter: { cursor?: string; limit?: number }): Promise<Page<NoticeReplyView>> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const after = Cursor.decode(filter.cursor, ['time', 'uuid']);
    return this.db.tx(async (m) => {
      await loadNotice(m, actor, id);
      const params: unknown[] = [id, after?.[0] ?? null, after?.[1] ?? null, limit + 1];
      const found = await query<NoticeReplyRow>(
        m,
        `select i.id, i.phone, i.contact_ids, i.body, i.language, i.translated_body, i.translated_language, i.body_erased_at, i.body_erased_by, i.created_at, cv.id as conversation_id
         from messages i
         join lateral (
           select o.notice_id from messages o
           where o.phone = i.phone and o.direction = 'outbound' and o.notice_id is not null and o.created_at <= i.created_at
           order by o.created_at desc limit 1
         ) latest on latest.notice_id = $1
         left join conversations cv on cv.phone = i.phone
         where i.direction = 'inbound' and i.phone in (select phone from messages where notice_id = $1)
           and ($2::timestamptz is null or (i.created_at, i.id) > ($2::timestamptz, $3::uuid))
           and ${FamilyScope.of(actor).phoneSql('i.phone', params)}
         order by i.created_at, i.id limit $4`,
        params,
      );
      const items = found.map((r): NoticeReplyView => ({
        id: r.id,
        conversationId: r.conversation_id,
        contactIds: r.contact_ids,
        phone: r.phone,
        ...messageText(r),
        language: r.language,
        createdAt: new Date(r.created_at).toISOString(),
      }));
      return pageOf(items, limit, (item) => [item.createdAt, item.id]);
    });
  }
}
