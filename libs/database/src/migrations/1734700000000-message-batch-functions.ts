import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batched delivery: the claim of a whole batch of messages and the write of their provider SIDs
 * (never a SID the row's callbacks have already retired to its history),
 * each one parameterised statement in one round trip (as `claim_message` and `record_provider_sid`
 * are for one message, migration message-send-functions), and the id of the batch job a fanned-out
 * message was enqueued in, so the reconciler and the provider look-up can tell whether that job is
 * still alive or held (a message's own `message.send` job id is derived from its row; a batch's is
 * not).
 */
export class MessageBatchFunctions1734700000000 implements MigrationInterface {
  name = 'MessageBatchFunctions1734700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table messages add column batch_job_id text`);
    // The same guarded transitions as claim_message, for every row of the batch at once: rows no
    // longer pending/queued, already holding a SID or outside their sending window are left alone
    // (not returned); a phone that opted out since fan-out is suppressed.
    await q.query(`
      create function claim_messages(p_tenant_id uuid, p_message_ids uuid[])
      returns table (id uuid, phone text, body text, status text, attempts integer, unreachable integer, urgency text, claimed text)
      language plpgsql volatile as $$
      #variable_conflict use_column
      begin
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        return query
        with target as (
          select msg.id, coalesce(n.urgency, 'urgent') as urgency,
            (msg.kind in ('notice', 'reply', 'survey') and exists (
               select 1 from phones p where p.tenant_id = p_tenant_id and p.phone = msg.phone and p.opted_out_at is not null)) as opted_out
          from messages msg left join notices n on n.id = msg.notice_id
          where msg.id = any(p_message_ids) and msg.direction = 'outbound' and msg.status in ('pending', 'queued') and msg.provider_sid is null
            and (msg.send_after is null or msg.send_after <= now())
          order by msg.id
          for update of msg
        )
        update messages msg set
          status = case when target.opted_out then 'suppressed' else 'sending' end,
          error_message = case when target.opted_out then 'opted out' else msg.error_message end,
          attempts = msg.attempts + 1, claimed_at = now(), updated_at = now()
        from target where msg.id = target.id
        returning msg.id, msg.phone, msg.body, msg.status, msg.attempts, msg.unreachable_attempts, target.urgency,
          extract(epoch from msg.claimed_at)::bigint::text;
      end
      $$`);
    await q.query(`
      create function record_provider_sids(p_tenant_id uuid, p_message_ids uuid[], p_provider_sids text[])
      returns table (id uuid)
      language plpgsql volatile as $$
      #variable_conflict use_column
      begin
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        return query
        update messages msg set provider_sid = s.sid, updated_at = now()
        from unnest(p_message_ids, p_provider_sids) as s(id, sid)
        where msg.id = s.id and msg.provider_sid is null and not (s.sid = any(msg.provider_sid_history))
        returning msg.id;
      end
      $$`);
    // The same guard for one message: its callbacks may have come first (an unreachable handset's
    // `undelivered` retires the SID to the history and requeues the row), and a retired SID must
    // not come back, or the row would wait `queued` with a SID that no claim takes.
    await q.query(`
      create or replace function record_provider_sid(p_tenant_id uuid, p_message_id uuid, p_provider_sid text)
      returns table (id uuid)
      language plpgsql volatile as $$
      #variable_conflict use_column
      begin
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        return query
        update messages set provider_sid = p_provider_sid, updated_at = now()
        where messages.id = p_message_id and provider_sid is null and not (p_provider_sid = any(provider_sid_history))
        returning messages.id;
      end
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      create or replace function record_provider_sid(p_tenant_id uuid, p_message_id uuid, p_provider_sid text)
      returns table (id uuid)
      language plpgsql volatile as $$
      #variable_conflict use_column
      begin
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        return query
        update messages set provider_sid = p_provider_sid, updated_at = now()
        where messages.id = p_message_id and provider_sid is null
        returning messages.id;
      end
      $$`);
    await q.query(`drop function if exists record_provider_sids`);
    await q.query(`drop function if exists claim_messages`);
    await q.query(`alter table messages drop column if exists batch_job_id`);
  }
}
