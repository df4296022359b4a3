import { query, queryOne } from '@porchlight/database';
import { Urgency } from '@porchlight/contracts';
import { EntityManager, In, IsNull } from 'typeorm';
import { MessageEntity } from './message.entity';
import { PhoneEntity } from './phone.entity';

/** What a provider said about one send, as the row keeps it. */
export interface SendError {
  code?: number | null;
  message: string;
}

/** The guard of every write after a claim: still `sending`, and no SID stored yet. */
const claimedRow = (id: string | string[]) => ({ id: typeof id === 'string' ? id : In(id), status: 'sending', providerSid: IsNull() });

/** Milliseconds until a row still waiting for its sending window may be claimed; undefined when it does not wait. */
export async function sendingWindowWait(m: EntityManager, messageId: string): Promise<number | undefined> {
  const row = await queryOne<{ wait_ms: number }>(
    m,
    `select greatest(0, ceil(extract(epoch from (send_after - now())) * 1000))::int as wait_ms from messages
     where id = $1 and status in ('pending', 'queued') and send_after > now()`,
    [messageId],
  );
  return row?.wait_ms;
}

/**
 * Of these rows, those still waiting for their sending window (not claimed for that reason alone):
 * milliseconds until each may be claimed, and its urgency.
 */
export async function sendingWindowWaits(m: EntityManager, messageIds: string[]): Promise<{ id: string; wait_ms: number; urgency: Urgency }[]> {
  if (messageIds.length === 0) return [];
  return query(
    m,
    `select msg.id, greatest(0, ceil(extract(epoch from (msg.send_after - now())) * 1000))::int as wait_ms, coalesce(n.urgency, 'urgent') as urgency
     from messages msg left join notices n on n.id = msg.notice_id
     where msg.id = any($1::uuid[]) and msg.status in ('pending', 'queued') and msg.provider_sid is null and msg.send_after > now()`,
    [messageIds],
  );
}

/** Back to `queued` for a later try (one row or several); `refund` when the provider was never asked (the claim does not count). */
export async function releaseClaim(m: EntityManager, messageId: string | string[], error?: SendError, refund = false): Promise<void> {
  await m.update(MessageEntity, claimedRow(messageId), {
    status: 'queued',
    ...(typeof error?.code === 'number' ? { errorCode: error.code } : {}),
    ...(error ? { errorMessage: error.message } : {}),
    ...(refund ? { attempts: () => 'attempts - 1' } : {}),
    updatedAt: () => 'now()',
  });
}

/** The claimed row failed for good. */
export async function failClaim(m: EntityManager, messageId: string, error: SendError): Promise<void> {
  await m.update(MessageEntity, claimedRow(messageId), {
    status: 'failed',
    errorCode: error.code ?? null,
    errorMessage: error.message,
    updatedAt: () => 'now()',
  });
}

/** The provider's answer was lost: the row stays claimed, with the error, until it is looked up. */
export async function noteClaimError(m: EntityManager, messageId: string, error: SendError): Promise<void> {
  await m.update(MessageEntity, claimedRow(messageId), { errorCode: error.code ?? null, errorMessage: error.message, updatedAt: () => 'now()' });
}

/** 30003 answers so far. */
export async function setUnreachableAttempts(m: EntityManager, messageId: string, unreachable: number): Promise<void> {
  await m.update(MessageEntity, { id: messageId }, { unreachableAttempts: unreachable });
}

/** The provider says the phone cannot receive SMS. */
export async function markPhoneInvalid(m: EntityManager, tenantId: string, phone: string, reason: string): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(PhoneEntity)
    .values({ tenantId, phone, invalidReason: reason })
    .orUpdate(['invalid_reason', 'updated_at'], ['tenant_id', 'phone'])
    .execute();
}
