import { createDataSource, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, createTenantFixture, randomHex, TEST_DATABASE_URL, TEST_REDIS_URL, TenantFixture, storeInbound } from '@porchlight/testing';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { ProcessInboundUseCase } from './process-inbound.use-case';

describe('ProcessInboundUseCase (Postgres and Redis)', () => {
  let dataSource: DataSource;
  let db: TenantDb;
  let redis: IORedis;
  let jobs: JobProducer;
  let fixture: TenantFixture;
  const prefix = `spec-inbound-${randomHex(4)}`;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: TEST_DATABASE_URL, applicationName: 'inbound-spec', poolSize: 3 }).initialize();
    db = new TenantDb(dataSource);
    redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    jobs = new JobProducer(redis, prefix);
    fixture = await createTenantFixture(db);
    await addFamilies(db, fixture.tenantId, [
      { phone: '+16175553001', language: 'es' },
      { phone: '+16175553002', language: 'vi' },
      { phone: '+16175553003', language: 'en' },
      { phone: '+16175553004', language: 'en' },
    ]);
  });

  afterAll(async () => {
    await jobs.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await dataSource.destroy();
  });

  const inbound = async (phone: string, body: string) => {
    const id = await storeInbound(db, fixture.tenantId, phone, body);
    await TenantContext.run({ tenantId: fixture.tenantId }, () => new ProcessInboundUseCase(db, jobs).execute(id));
    return id;
  };
  const replies = (phone: string) =>
    db.txFor(fixture.tenantId, (m) => m.query(`select body, language from messages where phone = $1 and kind = 'system' order by created_at`, [phone]));
  const ledger = (phone: string) =>
    db.txFor(fixture.tenantId, (m) => m.query(`select action, source from consent_events where phone = $1 order by created_at`, [phone]));

  it('opts a Spanish-speaking phone out on PARAR, with one confirmation in Spanish, and back in on COMENZAR', async () => {
    const stop = await inbound('+16175553001', 'Parar');
    await inbound('+16175553001', 'PARAR');
    const afterStop = await replies('+16175553001');
    expect(afterStop).toHaveLength(1);
    expect(afterStop[0].language).toBe('es');
    expect(afterStop[0].body).toContain('START');
    const [event] = await db.txFor(fixture.tenantId, (m) => m.query(`select message_id from consent_events where phone = '+16175553001'`));
    expect(event.message_id).toBe(stop);

    await inbound('+16175553001', 'comenzar');
    expect(await ledger('+16175553001')).toEqual([
      { action: 'opt_out', source: 'keyword' },
      { action: 'opt_in', source: 'keyword' },
    ]);
    expect(await replies('+16175553001')).toHaveLength(2);
  });

  it('sends one confirmation when two STOPs from one phone are processed at the same moment', async () => {
    const store = (body: string) => storeInbound(db, fixture.tenantId, '+16175553004', body);
    const ids = [await store('STOP'), await store('stop.')];
    await Promise.all(ids.map((id) => TenantContext.run({ tenantId: fixture.tenantId }, () => new ProcessInboundUseCase(db, jobs).execute(id))));
    expect(await replies('+16175553004')).toHaveLength(1);
    expect(await ledger('+16175553004')).toEqual([{ action: 'opt_out', source: 'keyword' }]);
  });

  it('answers HELP with the district name and STOP instructions in the family language', async () => {
    await inbound('+16175553002', 'trợ giúp');
    const [help] = await replies('+16175553002');
    expect(help.language).toBe('vi');
    expect(help.body).toContain('Fixture District');
    expect(help.body).toContain('STOP');
  });

  it('threads a sentence that merely contains "stop" into a conversation instead of opting out', async () => {
    await inbound('+16175553003', "The bus didn't stop at our corner today");
    expect(await ledger('+16175553003')).toEqual([]);
    const [conversation] = await db.txFor(fixture.tenantId, (m) => m.query(`select unread_count from conversations where phone = '+16175553003'`));
    expect(conversation.unread_count).toBe(1);
    await inbound('+16175553003', 'yes');
    const [again] = await db.txFor(fixture.tenantId, (m) => m.query(`select unread_count from conversations where phone = '+16175553003'`));
    expect(again.unread_count).toBe(2);
    expect(await ledger('+16175553003')).toEqual([]);
  });

  it('processes each inbound message once', async () => {
    const id = await inbound('+16175553003', 'Thank you');
    await TenantContext.run({ tenantId: fixture.tenantId }, () => new ProcessInboundUseCase(db, jobs).execute(id));
    const [conversation] = await db.txFor(fixture.tenantId, (m) => m.query(`select unread_count from conversations where phone = '+16175553003'`));
    expect(conversation.unread_count).toBe(3);
  });
});
