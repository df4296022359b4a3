import { QueueName } from '@porchlight/contracts';
import { createDataSource, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, createNoticeFixture, createTenantFixture, randomHex, TEST_DATABASE_URL, TEST_REDIS_URL, TenantFixture } from '@porchlight/testing';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { FanOutNoticeUseCase } from './fan-out.use-case';

describe('FanOutNoticeUseCase (Postgres and Redis)', () => {
  let dataSource: DataSource;
  let db: TenantDb;
  let redis: IORedis;
  let jobs: JobProducer;
  let fixture: TenantFixture;
  const prefix = `spec-fanout-${randomHex(4)}`;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: TEST_DATABASE_URL, applicationName: 'fan-out-spec', poolSize: 3 }).initialize();
    db = new TenantDb(dataSource);
    redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    jobs = new JobProducer(redis, prefix);
    fixture = await createTenantFixture(db);
    await addFamilies(db, fixture.tenantId, [
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
    await db.txFor(fixture.tenantId, (m) =>
      m.query(`insert into phones (tenant_id, phone, opted_out_at) values ($1, '+16175551004', now())`, [fixture.tenantId]),
    );
  });

  afterAll(async () => {
    await jobs.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await dataSource.destroy();
  });

  const run = (noticeId: string) =>
    TenantContext.run({ tenantId: fixture.tenantId, correlationId: 'spec' }, () => new FanOutNoticeUseCase(db, jobs).execute(noticeId));

  it('writes one row per phone in the chosen language, suppressed phones counted, then enqueues', async () => {
    const noticeId = await createNoticeFixture(db, fixture, { translations: { es: 'Hola familias', vi: 'Xin chào' } });
    const result = await run(noticeId);
    expect(result).toEqual({ written: 4, enqueued: 3 });
    const rows = await db.txFor(fixture.tenantId, (m) =>
      m.query(`select phone, language, body, status, cardinality(contact_ids) as contacts from messages where notice_id = $1 order by phone`, [noticeId]),
    );
    expect(rows).toEqual([
      { phone: '+16175551001', language: 'en', body: 'Hello families', status: 'queued', contacts: 1 },
      { phone: '+16175551002', language: 'es', body: 'Hola familias', status: 'queued', contacts: 3 },
      { phone: '+16175551003', language: 'vi', body: 'Xin chào', status: 'queued', contacts: 2 },
      { phone: '+16175551004', language: 'vi', body: 'Xin chào', status: 'suppressed', contacts: 1 },
    ]);
    const counts = await jobs.queue(QueueName.Delivery).getJobCounts('wait', 'prioritized');
    expect(counts.wait + counts.prioritized).toBe(3);
  });

  it('does nothing more when the same job runs again', async () => {
    const noticeId = await createNoticeFixture(db, fixture, { translations: { es: 'Hola', vi: 'Chào' } });
    await run(noticeId);
    const before = await jobs.queue(QueueName.Delivery).getJobCounts('wait', 'prioritized');
    expect(await run(noticeId)).toEqual({ written: 0, enqueued: 0 });
    const after = await jobs.queue(QueueName.Delivery).getJobCounts('wait', 'prioritized');
    expect(after).toEqual(before);
    const [{ count }] = await db.txFor(fixture.tenantId, (m) => m.query(`select count(*)::int as count from messages where notice_id = $1`, [noticeId]));
    expect(count).toBe(4);
  });

  it('sends the source text when a language has no translation and the policy allowed sending', async () => {
    const noticeId = await createNoticeFixture(db, fixture, { translations: { es: 'Hola' } });
    await run(noticeId);
    const [row] = await db.txFor(fixture.tenantId, (m) =>
      m.query(`select language, body from messages where notice_id = $1 and phone = '+16175551003'`, [noticeId]),
    );
    expect(row).toEqual({ language: 'en', body: 'Hello families' });
  });

  it("never reaches another tenant's families", async () => {
    const other = await createTenantFixture(db);
    const noticeId = await createNoticeFixture(db, other);
    const result = await TenantContext.run({ tenantId: other.tenantId }, () => new FanOutNoticeUseCase(db, jobs).execute(noticeId));
    expect(result).toEqual({ written: 0, enqueued: 0 });
  });
});
