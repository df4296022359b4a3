import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { ContactsUseCases } from '@porchlight/contacts';
import { query, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/**
 * Erases a person's personal data across domains, in one transaction (`DELETE /api/v1/contacts/:id`):
 * contacts erases the family member (names, phone, email, links; the anonymous row stays, so
 * counts of who was reached remain true); then, unless another family member still has the phone,
 * the messages that reached it lose their phone and text (the family's words in translation
 * too) and say they were erased, and its conversations go. A district admin's action (403 for
 * others who see the family, 404 for the rest).
 */
@Injectable()
export class EraseContactUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly contacts: ContactsUseCases,
  ) {}

  async execute(actor: StaffPrincipal, id: string): Promise<void> {
    await this.db.tx(async (m) => {
      const { phoneNobodyHas } = await this.contacts.erase(m, actor, id);
      if (phoneNobodyHas !== null) await erasePhoneMessages(m, phoneNobodyHas);
    });
  }
}

async function erasePhoneMessages(m: EntityManager, phone: string): Promise<void> {
  await query(
    m,
    `update messages set phone = 'erased', body = '', translated_body = case when translated_body is null then null else '' end,
       body_erased_at = coalesce(body_erased_at, now()), body_erased_by = coalesce(body_erased_by, 'erasure'), updated_at = now()
     where phone = $1`,
    [phone],
  );
  await query(m, `delete from conversations where phone = $1`, [phone]);
}
