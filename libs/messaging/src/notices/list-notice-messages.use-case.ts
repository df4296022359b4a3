import { Injectable } from '@nestjs/common';
import { MessageStatus, StaffPrincipal } from '@porchlight/contracts';
import { Cursor, FamilyScope, Page, pageOf } from '@porchlight/contacts';
import { query, TenantDb } from '@porchlight/database';
import { messageText, TextRemovalReason } from '../message-text';
import { openNotice } from '../notice-visibility';
import { NoticeMessageView } from './notice-views';

/** A notice's message as its list reads it. */
interface NoticeMessageRow {
  id: string;
  contact_ids: string[];
  phone: string;
  language: string | null;
  body: string;
  translated_body: string | null;
  translated_language: string | null;
  body_erased_at: Date | null;
  body_erased_by: TextRemovalReason | null;
  status: MessageStatus;
  error_code: number | null;
  error_message: string | null;
  provider_sid: string | null;
  send_after: Date | null;
  updated_at: Date;
}

/** A notice's rows, one per recipient phone, of the caller's families, by phone; each held row with its `sendAfter`. */
@Injectable()
export class ListNoticeMessagesUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(actor: StaffPrincipal, id: string, filter: { status?: string; cursor?: string; limit?: number }): Promise<Page<NoticeMessageView>> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const after = Cursor.decode(filter.cursor, ['phone']);
    return this.db.tx(async (m) => {
      // Only whether the caller may open it: the page carries no counts.
      await openNotice(m, actor, id);
      const params: unknown[] = [id, filter.status ?? null, after?.[0] ?? null, limit + 1];
      const rows = await query<NoticeMessageRow>(
        m,
        `select * from messages msg where msg.notice_id = $1 and ($2::text is null or msg.status = $2) and ($3::text is null or msg.phone > $3)
           and ${FamilyScope.of(actor).phoneSql('msg.phone', params)}
         order by msg.phone limit $4`,
        params,
      );
      const items = rows.map((r): NoticeMessageView => ({
        id: r.id,
        contactIds: r.contact_ids,
        phone: r.phone,
        language: r.language,
        ...messageText(r),
        status: r.status,
        errorCode: r.error_code,
        errorMessage: r.error_message,
        providerSid: r.provider_sid,
        sendAfter: r.send_after ? new Date(r.send_after).toISOString() : null,
        updatedAt: new Date(r.updated_at).toISOString(),
      }));
      return pageOf(items, limit, (item) => [item.phone]);
    });
  }
}
