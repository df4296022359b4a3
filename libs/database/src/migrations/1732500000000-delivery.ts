import { MigrationInterface, QueryRunner } from 'typeorm';
import { phonePrefixTimeZones } from '../../../sms/src/phone/time-zone';

/**
 * Delivery that districts can trust: recipients' time zones for quiet hours, retry history of
 * provider SIDs, smart encoding per notice, and the per-prefix time zone reference table.
 */
export class Delivery1732500000000 implements MigrationInterface {
  name = 'Delivery1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table contacts add column time_zone text`);
    await q.query(`alter table notices add column smart_encoding boolean not null default true`);
    await q.query(`alter table notices add column quiet_hours_overridden integer not null default 0`);
    await q.query(`alter table messages add column provider_sid_history text[] not null default '{}'`);
    await q.query(`alter table messages add column claimed_at timestamptz`);
    await q.query(`create index messages_stale_sending on messages (claimed_at) where status = 'sending' and provider_sid is null`);

    // Reference data, not tenant-owned: which time zone an E.164 prefix most likely lives in.
    await q.query(`create table phone_prefix_time_zones (prefix text primary key, time_zone text not null)`);
    const entries = phonePrefixTimeZones();
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500);
      await q.query(
        `insert into phone_prefix_time_zones (prefix, time_zone) select * from unnest($1::text[], $2::text[])`,
        [chunk.map(([prefix]) => prefix), chunk.map(([, zone]) => zone)],
      );
    }

    // The recipient's time zone: the contact's own, else the phone's prefix, else the district's.
    await q.query(`
      create function phone_time_zone(phone text) returns text language sql stable as $$
        select time_zone from phone_prefix_time_zones
        where prefix in (left(phone, 5), left(phone, 4), left(phone, 3), left(phone, 2))
        order by length(prefix) desc limit 1
      $$`);

    // The first moment at or after now() inside the sending window [window_start, window_end) in
    // time zone tz (08:00-21:00 by default). A window may wrap midnight (20:00-02:00); equal start
    // and end mean the district keeps no quiet hours.
    await q.query(`
      create function next_sending_time(tz text, window_start time, window_end time) returns timestamptz language sql stable as $$
        select case
          when window_start = window_end then now()
          when window_start < window_end and l.t >= window_start and l.t < window_end then now()
          when window_start > window_end and (l.t >= window_start or l.t < window_end) then now()
          when l.t < window_start then (l.day + window_start) at time zone tz
          else (l.day + interval '1 day' + window_start) at time zone tz
        end
        from (select (now() at time zone tz)::time as t, date_trunc('day', now() at time zone tz) as day) l
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function if exists next_sending_time`);
    await q.query(`drop function if exists phone_time_zone`);
    await q.query(`drop table if exists phone_prefix_time_zones`);
    await q.query(`drop index if exists messages_stale_sending`);
    await q.query(`alter table messages drop column claimed_at, drop column provider_sid_history`);
    await q.query(`alter table notices drop column quiet_hours_overridden, drop column smart_encoding`);
    await q.query(`alter table contacts drop column time_zone`);
  }
}
