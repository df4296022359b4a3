import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Families' texts stored in batches (messaging's `InboundBatcher`): one parameterised statement in
 * one round trip, as `record_provider_sids` is for SIDs, instead of a transaction of three. Each
 * text becomes a `received` inbound row unless its MessageSid is already stored; rows are stamped
 * as they are written, in the order given, so a family's texts written together still read in the
 * order they came. Returns the rows written.
 */
export class InboundBatchFunction1734900000000 implements MigrationInterface {
  name = 'InboundBatchFunction1734900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function record_inbound_messages(p_tenant_id uuid, p_sids text[], p_phones text[], p_bodies text[])
      returns table (id uuid, provider_sid text)
      language plpgsql volatile as $$
      #variable_conflict use_column
      begin
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        return query
        insert into messages as msg (tenant_id, direction, kind, phone, body, status, provider_sid, created_at, updated_at)
        select p_tenant_id, 'inbound', 'inbound', v.phone, v.body, 'received', v.sid, v.at, v.at
        from (select t.sid, t.phone, t.body, clock_timestamp() as at
              from unnest(p_sids, p_phones, p_bodies) with ordinality as t(sid, phone, body, n) order by t.n) v
        on conflict (tenant_id, provider_sid) where provider_sid is not null do nothing
        returning msg.id, msg.provider_sid;
      end
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function if exists record_inbound_messages`);
  }
}
