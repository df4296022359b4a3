import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plain status callbacks in one round trip: `record_statuses` stores a batch of reported statuses
 * with a callback's rules (a status only moves forward, a message without a SID takes the
 * reported one, a SID already retired to the row's history is ignored) for the rows that are not
 * survey messages, and names the survey messages of the batch without touching them: those are
 * stored in a transaction that also tells the survey they reached the phone.
 */
export class RecordStatusesFunction1734800000000 implements MigrationInterface {
  name = 'RecordStatusesFunction1734800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function record_statuses(p_tenant_id uuid, p_message_ids uuid[], p_provider_sids text[], p_statuses text[])
      returns table (id uuid, survey boolean)
      language plpgsql volatile as $$
      #variable_conflict use_column
      begin
        perform set_config('app.tenant_id', p_tenant_id::text, true);
        return query
        with reported as (
          select * from unnest(p_message_ids, p_provider_sids, p_statuses) as r(id, sid, status)
        ), updated as (
          update messages m set status = r.status, provider_sid = coalesce(m.provider_sid, r.sid), updated_at = now()
          from reported r
          where m.id = r.id and m.survey_id is null and m.direction = 'outbound'
            and (m.provider_sid is null or m.provider_sid = r.sid) and not (r.sid = any(m.provider_sid_history))
            and message_status_rank(m.status) < message_status_rank(r.status)
          returning m.id
        )
        select updated.id, false from updated
        union all
        select m.id, true from messages m join reported r on r.id = m.id where m.survey_id is not null;
      end
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function if exists record_statuses`);
  }
}
