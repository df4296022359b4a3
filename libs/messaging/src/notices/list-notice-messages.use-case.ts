import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { Cursor, FamilyScope, Page, pageOf } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { messageText } from '../message-text';
import { loadNotice } from './notice-reader';
import { NoticeMessageView } from './notice-views';

/** A notice's rows, one per recipient phone, of the caller's families, by phone; each held row with its `sendAfter`. */
@Injectable()
export class ListNoticeMessagesUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(actor: StaffPrincipal, id: string, filter: { status?: string; cursor?: string; limit?: number }): Promise<Page<NoticeMessageView>> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const after = Cursor.decode(filter.cursor, ['phone']);
    return this.db.tx(async (m) => {
      await loadNotice(m, actor, id);
      const params: unknown[] = [id, filter.status ?? null, after?.[0] ?? null, limit + 1];
      const rows = await m.query(
        `select * from messages msg where msg.notice_id = $1 and ($2::text is null or msg.status = $2) and ($3::text is null or msg.phone > $3)
           and ${FamilyScope.of(actor).phoneSql('msg.phone', params)}
         order by msg.phone limit $4`,
        params,
      );
      const items = rows.map((r: any): NoticeMessageView => ({
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
