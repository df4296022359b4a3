import { JobName, QueueName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, createNoticeFixture, useIntegration, zoneWhereItIsNow } from '@porchlight/testing';
import { FanOutNoticeUseCase } from './fan-out.use-case';

const HOUR = 3_600_000;

/**
 * A fixed-offset zone in which it is now 21:xx, whatever hour the spec runs at (IANA's Etc/GMT
 * zones invert the sign: Etc/GMT-10 is UTC+10).
 */
describe('Quiet hours at fan-out (Postgres and Redis)', () => {
  const evening = zoneWhereItIsNow(21);
  const morning = zoneWhereItIsNow(10);
  const spec = useIntegration('quiet-hours', { poolSize: 3, tenant: { quietHours: { start: '08:00', end: '21:00' }, timezone: morning.zone } });

  beforeAll(async () => {
    const { contactIds } = await addFamilies(spec.db, spec.fixture.tenantId, [
      { phone: '+16175556001', language: 'en' },
      // A number no area code places (an international network): the district's zone applies.
      { phone: '+88299996002', language: 'en' },
    ]);
    // The first family lives where it is 21:xx now; the second falls back to the district's zone (10:xx).
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update contacts set time_zone = $2 where id = $1`, [contactIds[0], evening.zone]));
    // The first phone's area code says Boston; the contact's own zone wins over it.
  });

  const fanOut = (noticeId: string) =>
    TenantContext.run({ tenantId: spec.fixture.tenantId, correlationId: 'spec' }, () => new FanOutNoticeUseCase(spec.db, spec.jobs).execute(noticeId));
  const rowsOf = (noticeId: string): Promise<{ id: string; phone: string; status: string; send_after: Date | null; batch_job_id: string }[]> =>
    spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select id, phone, status, send_after, batch_job_id from messages where notice_id = $1 order by phone`, [noticeId]),
    );

  /** 08:00 tomorrow in a zone where it is 21:xx today, as an instant. */
  function nextMorning(offsetHours: number, now = new Date()): number {
    const local = new Date(now.getTime() + offsetHours * HOUR);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1, 8) - offsetHours * HOUR;
  }

  it('holds a normal notice for a family at 21:30 until 08:00 its time, and sends at once where the window is open', async () => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture, { urgency: 'normal' });
    const before = Date.now();
    await fanOut(noticeId);
    const [late, open] = await rowsOf(noticeId);
    expect(late.status).toBe('queued');
    expect(late.send_after?.getTime()).toBe(nextMorning(evening.offsetHours, new Date(before)));
    expect(open).toMatchObject({ status: 'queued', send_after: null });

    // Each in a batch of the rows that may go at the same moment.
    expect(late.batch_job_id).not.toBe(open.batch_job_id);
    const queue = spec.jobs.queue(QueueName.Delivery);
    const delayed = await queue.getJob(late.batch_job_id);
    expect(delayed?.name).toBe(JobName.SendBatch);
    expect(delayed?.data).toMatchObject({ noticeId, messageIds: [late.id] });
    expect(await delayed?.getState()).toBe('delayed');
    // The job waits until the window opens (give or take the moments between fan-out and now).
    expect(Math.abs(before + (delayed?.opts.delay ?? 0) - late.send_after!.getTime())).toBeLessThan(60_000);
    expect(await (await queue.getJob(open.batch_job_id))?.getState()).not.toBe('delayed');

    const [notice] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select quiet_hours_overridden from notices where id = $1`, [noticeId]));
    expect(notice.quiet_hours_overridden).toBe(0);
  });

  it('sends an emergency at once, counting and auditing the families reached inside their quiet hours', async () => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture, { urgency: 'emergency' });
    await fanOut(noticeId);
    const rows = await rowsOf(noticeId);
    expect(rows.map((row) => row.send_after)).toEqual([null, null]);
    const [notice] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select quiet_hours_overridden from notices where id = $1`, [noticeId]));
    expect(notice.quiet_hours_overridden).toBe(1);
    const audit = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select action, data from audit_log where subject_id = $1 and action = 'notice.quiet_hours_overridden'`, [noticeId]),
    );
    expect(audit).toEqual([{ action: 'notice.quiet_hours_overridden', data: { recipients: 1 } }]);
    // Both go at once, in one batch, ahead of every band (no priority).
    expect(rows[0].batch_job_id).toBe(rows[1].batch_job_id);
    const batch = await spec.jobs.queue(QueueName.Delivery).getJob(rows[0].batch_job_id);
    expect(batch?.data.messageIds).toEqual([...rows.map((row) => row.id)].sort());
    expect(await batch?.getState()).toBe('waiting');
  });

  it('sends an urgent notice at once without an audit entry', async () => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture, { urgency: 'urgent' });
    await fanOut(noticeId);
    expect((await rowsOf(noticeId)).map((row) => row.send_after)).toEqual([null, null]);
    const audit = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select 1 from audit_log where subject_id = $1 and action = 'notice.quiet_hours_overridden'`, [noticeId]),
    );
    expect(audit).toEqual([]);
  });
});

describe('Recipient time zones and sending windows in SQL', () => {
  const spec = useIntegration('quiet-hours-sql', { poolSize: 1, tenant: false, redis: false });

  it('finds a phone’s zone from its country and area code', async () => {
    const [row] = await spec.dataSource.query(
      `select phone_time_zone('+12135550100') as la, phone_time_zone('+16175550100') as boston, phone_time_zone('+32470123456') as brussels,
              phone_time_zone('+999') as unknown`,
    );
    expect(row).toEqual({ la: 'America/Los_Angeles', boston: 'America/New_York', brussels: 'Europe/Brussels', unknown: null });
  });

  it('opens now inside the window, at its start before it, tomorrow after it, and always when start equals end', async () => {
    const at = (hour: number) => zoneWhereItIsNow(hour).zone;
    const [row] = await spec.dataSource.query(
      `select next_sending_time($1, '08:00', '21:00') = now() as inside,
              next_sending_time($2, '08:00', '21:00') - now() as before_start,
              next_sending_time($3, '08:00', '21:00') - now() as after_end,
              next_sending_time($3, '20:00', '02:00') = now() as wrapped_inside,
              next_sending_time($2, '00:00', '00:00') = now() as no_quiet_hours`,
      [at(12), at(6), at(22)],
    );
    expect(row.inside).toBe(true);
    expect(row.wrapped_inside).toBe(true);
    expect(row.no_quiet_hours).toBe(true);
    // 06:mm → 08:00 is between 1 and 2 hours away; 22:mm → 08:00 tomorrow between 9 and 10.
    expect(row.before_start.hours ?? 0).toBe(1);
    expect(row.after_end.hours).toBe(9);
  });
});
