import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first moment at or after `at` inside a sending window: a retry planned for later (an
 * unreachable handset tried again in five minutes) must still respect the recipient's quiet hours
 * at that later moment. Same rules as next_sending_time (which is this at now()).
 */
export class SendingWindowAt1733100000000 implements MigrationInterface {
  name = 'SendingWindowAt1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function next_sending_time_at(tz text, window_start time, window_end time, at timestamptz) returns timestamptz language sql stable as $$
        select case
          when window_start = window_end then at
          when window_start < window_end and l.t >= window_start and l.t < window_end then at
          when window_start > window_end and (l.t >= window_start or l.t < window_end) then at
          when l.t < window_start then (l.day + window_start) at time zone tz
          else (l.day + interval '1 day' + window_start) at time zone tz
        end
        from (select (at at time zone tz)::time as t, date_trunc('day', at at time zone tz) as day) l
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function if exists next_sending_time_at`);
  }
}
