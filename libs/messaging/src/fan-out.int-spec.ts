import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, createNoticeFixture, createTenantFixture, useIntegration } from '@porchlight/testing';
import { FanOutNoticeUseCase } from './fan-out.use-case';

describe('FanOutNoticeUseCase (Postgres and Redis)', () => {
  const spec = useIntegration('fan-out', { poolSize: 3 });

  beforeAll(async () => {
    await addFamilies(spec.db, spec.fixture.tenantId, [
      { phone: '+16175551001', language: 'en' },
      // Three children, one phone: one message.
      { phone: '+16175551002', language: 'es' },
      { phone: '+16175551002', language: 'es' },
      { phone: '+16175551002', language: 'en' },
      // A tie between English and Vietnamese on one phone: the language other than the default wins.
      { phone: '+16175551003', language: 'en' },
      { phone: '+16175551003', language: 'vi' },
      { phone: '+16175551004', language: 'vi' },
      { phone: null, language: 'en' },
    ]);
    await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`insert into phones (tenant_id, phone, opted_out_at) values ($1, '+16175551004', now())`, [spec.fixture.tenantId]),
    );
  });

  const run = (noticeId: string) =>
    TenantContext.run({ tenantId: spec.fixture.tenantId, correlationId: 'spec' }, () => new FanOutNoticeUseCase(spec.db, spec.jobs).execute(noticeId));

  it('writes one row per phone in the chosen language, suppressed phones counted, then enqueues', async () => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture, { translations: { es: 'Hola familias', vi: 'Xin chào' } });
    const result = await run(noticeId);
    expect(result).toEqual({ written: 4, enqueued: 3 });
    const rows = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select phone, language, body, status, cardinality(contact_ids) as contacts from messages where notice_id = $1 order by phone`, [noticeId]),
    );
    expect(rows).toEqual([
      { phone: '+16175551001', language: 'en', body: 'Hello families', status: 'queued', contacts: 1 },
      { phone: '+16175551002', language: 'es', body: 'Hola familias', status: 'queued', contacts: 3 },
      { phone: '+16175551003', language: 'vi', body: 'Xin chào', status: 'queued', contacts: 2 },
      { phone: '+16175551004', language: 'vi', body: 'Xin chào', status: 'suppressed', contacts: 1 },
    ]);
    // One batch job for the three rows that go now, named by its first and last message.
    const queued = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select id, batch_job_id from messages where notice_id = $1 and status = 'queued' order by id`, [noticeId]),
    );
    const batchJobId = jobId.sendBatch(noticeId, queued[0].id, queued[2].id);
    expect(queued.map((row: { batch_job_id: string }) => row.batch_job_id)).toEqual([batchJobId, batchJobId, batchJobId]);
    const batch = await spec.jobs.queue(QueueName.Delivery).getJob(batchJobId);
    expect(batch).toMatchObject({ name: JobName.SendBatch, data: { noticeId, messageIds: queued.map((row: { id: string }) => row.id) } });
    const counts = await spec.jobs.queue(QueueName.Delivery).getJobCounts('wait', 'prioritized');
    expect(counts.wait + counts.prioritized).toBe(1);
  });

  it("splits the rows into batches of the size the sender's pace allows", async () => {
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update tenants set sms_messages_per_second = 2 where id = $1`, [spec.fixture.tenantId]));
    try {
      const noticeId = await createNoticeFixture(spec.db, spec.fixture, { translations: { es: 'Hola', vi: 'Chào' } });
      expect(await run(noticeId)).toEqual({ written: 4, enqueued: 3 });
      const queued = await spec.db.txFor(spec.fixture.tenantId, (m) =>
        m.query(`select id, batch_job_id from messages where notice_id = $1 and status = 'queued' order by id`, [noticeId]),
      );
      const ids = queued.map((row: { id: string }) => row.id);
      expect(queued.map((row: { batch_job_id: string }) => row.batch_job_id)).toEqual([
        jobId.sendBatch(noticeId, ids[0], ids[1]),
        jobId.sendBatch(noticeId, ids[0], ids[1]),
        jobId.sendBatch(noticeId, ids[2], ids[2]),
      ]);
      const second = await spec.jobs.queue(QueueName.Delivery).getJob(jobId.sendBatch(noticeId, ids[2], ids[2]));
      expect(second?.data.messageIds).toEqual([ids[2]]);
    } finally {
      await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update tenants set sms_messages_per_second = null where id = $1`, [spec.fixture.tenantId]));
    }
  });

  it('does nothing more when the same job runs again', async () => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture, { translations: { es: 'Hola', vi: 'Chào' } });
    await run(noticeId);
    const before = await spec.jobs.queue(QueueName.Delivery).getJobCounts('wait', 'prioritized');
    expect(await run(noticeId)).toEqual({ written: 0, enqueued: 0 });
    const after = await spec.jobs.queue(QueueName.Delivery).getJobCounts('wait', 'prioritized');
    expect(after).toEqual(before);
    const [{ count }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select count(*)::int as count from messages where notice_id = $1`, [noticeId]),
    );
    expect(count).toBe(4);
  });

  it('sends the source text when a language has no translation and the policy allowed sending', async () => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture, { translations: { es: 'Hola' } });
    await run(noticeId);
    const [row] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select language, body from messages where notice_id = $1 and phone = '+16175551003'`, [noticeId]),
    );
    expect(row).toEqual({ language: 'en', body: 'Hello families' });
  });

  it("never reaches another tenant's families", async () => {
    const other = await createTenantFixture(spec.db);
    const noticeId = await createNoticeFixture(spec.db, other);
    const result = await TenantContext.run({ tenantId: other.tenantId }, () => new FanOutNoticeUseCase(spec.db, spec.jobs).execute(noticeId));
    expect(result).toEqual({ written: 0, enqueued: 0 });
  });
});
