import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two writes every outbound message pays for — its claim before the provider is called, and
 * the provider's SID after — and the staff session check every API call pays for, as functions that set the tenant themselves: each runs as one
 * parameterised statement in its own implicit transaction, in one round trip. They are not
 * SECURITY DEFINER: they run as the caller, so row-level security scopes them to that tenant, and
 * `set_config(..., true)` ends with the statement's transaction.
 */
export class MessageSendFunctions1734100000500 implements MigrationInterface {
  name = 'MessageSendFunctions1734100000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function claim_message(p_tenant_id uuid, p_message_id uuid)
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
          where msg.id = p_message_id and msg.direction = 'outbound' and msg.status in ('pending', 'queued') and msg.provider_sid is null
            and (msg.send_after is null or msg.send_after <= now())
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
      create function record_provider_sid(p_tenant_id uuid, p_message_id uuid, p_provider_sid text)
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
    // What a staff member's access token is checked against on every API call (identity's sessions).
    await q.query(`
      create function staff_session_state(p_tenant_id uuid, p_user_id uuid)
      returns table (role text, school_ids uuid[], language text, active boolean, token_version integer)
      language plpgsql volatile as $$
      #variable_conflict use_column
      begin
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        return query select u.role, u.school_ids, u.language, u.active, u.token_version from users u where u.id = p_user_id;
      end
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function if exists staff_session_state`);
    await q.query(`drop function if exists record_provider_sid`);
    await q.query(`drop function if exists claim_message`);
  }
}
