import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { ConsentEventEntity } from './data/consent-event.entity';

export interface ConsentChange {
  phone: string;
  action: 'opt_out' | 'opt_in';
  source: 'keyword' | 'provider' | 'staff' | 'import';
  messageId?: string;
}

/** Changes a phone's consent and writes the change, with its source message, to the consent ledger. */
export async function recordConsent(m: EntityManager, tenantId: string, change: ConsentChange): Promise<void> {
  await query(
    m,
    `insert into phones (tenant_id, phone, opted_out_at) values ($1, $2, case when $3 = 'opt_out' then now() end)
     on conflict (tenant_id, phone) do update
       set opted_out_at = case when $3 = 'opt_out' then coalesce(phones.opted_out_at, now()) end, updated_at = now()`,
    [tenantId, change.phone, change.action],
  );
  await m.insert(ConsentEventEntity, { tenantId, phone: change.phone, action: change.action, source: change.source, messageId: change.messageId ?? null });
}
