import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, familyPhoneSeen } from '@porchlight/contacts';
import { query, TenantDb } from '@porchlight/database';
import { ConsentChange } from './consent';

/** One change of a phone's consent, as staff read it. */
export interface ConsentHistoryEntry {
  id: string;
  action: ConsentChange['action'];
  /** How it came: the family texted a keyword, the carrier reported an opt-out, staff, or an import. */
  source: ConsentChange['source'];
  /** For a keyword: the word the family texted (as written; null once the text was removed). */
  keyword: string | null;
  /** The message behind the change: the family's text, or the send the carrier refused. */
  messageId: string | null;
  createdAt: string;
}

/** The consent ledger of a family member's phone, for staff who see the family. */
@Injectable()
export class ConsentHistoryUseCase {
  constructor(private readonly db: TenantDb) {}

  /** Oldest first; a family member without a phone has none; one the caller does not see is a 404. */
  async execute(actor: StaffPrincipal, contactId: string): Promise<{ phone: string | null; optedOut: boolean; items: ConsentHistoryEntry[] }> {
    return this.db.tx(async (m) => {
      const contact = await familyPhoneSeen(m, FamilyScope.of(actor), contactId);
      if (!contact) throw DomainError.notFound('contact');
      if (contact.phone === null) return { phone: null, optedOut: false, items: [] };
      const rows = await query<{
        id: string;
        action: ConsentChange['action'];
        source: ConsentChange['source'];
        keyword: string | null;
        message_id: string | null;
        created_at: Date;
      }>(
        m,
        `select e.id, e.action, e.source, e.message_id, e.created_at,
           case when e.source = 'keyword' and msg.direction = 'inbound' and msg.body_erased_at is null then left(trim(msg.body), 40) end as keyword
         from consent_events e left join messages msg on msg.id = e.message_id
         where e.phone = $1 order by e.created_at, e.id limit 500`,
        [contact.phone],
      );
      const optedOut = (await query(m, `select 1 from phones where phone = $1 and opted_out_at is not null`, [contact.phone])).length > 0;
      return {
        phone: contact.phone,
        optedOut,
        items: rows.map((r) => ({
          id: r.id,
          action: r.action,
          source: r.source,
          keyword: r.keyword,
          messageId: r.message_id,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    });
  }
}
