import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, storeInbound, useIntegration } from '@porchlight/testing';
import { InboundSurveys, ProcessInboundUseCase } from './process-inbound.use-case';

/** No survey asks these phones anything: surveys are engagement's, a domain above messaging. */
const noSurveys: InboundSurveys = { answer: () => Promise.resolve(null), stop: () => Promise.resolve() };

describe('ProcessInboundUseCase (Postgres and Redis)', () => {
  const spec = useIntegration('inbound', { poolSize: 3 });

  beforeAll(async () => {
    await addFamilies(spec.db, spec.fixture.tenantId, [
      { phone: '+16175553001', language: 'es' },
      { phone: '+16175553002', language: 'vi' },
      { phone: '+16175553003', language: 'en' },
      { phone: '+16175553004', language: 'en' },
    ]);
  });

  const inbound = async (phone: string, body: string) => {
    const id = await storeInbound(spec.db, spec.fixture.tenantId, phone, body);
    await TenantContext.run({ tenantId: spec.fixture.tenantId }, () => new ProcessInboundUseCase(spec.db, spec.jobs, noSurveys).execute(id));
    return id;
  };
  const replies = (phone: string) =>
    spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select body, language from messages where phone = $1 and kind = 'system' order by created_at`, [phone]),
    );
  const ledger = (phone: string) =>
    spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select action, source from consent_events where phone = $1 order by created_at`, [phone]));

  it('opts a Spanish-speaking phone out on PARAR, with one confirmation in Spanish, and back in on COMENZAR', async () => {
    const stop = await inbound('+16175553001', 'Parar');
    await inbound('+16175553001', 'PARAR');
    const afterStop = await replies('+16175553001');
    expect(afterStop).toHaveLength(1);
    expect(afterStop[0].language).toBe('es');
    expect(afterStop[0].body).toContain('START');
    const [event] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select message_id from consent_events where phone = '+16175553001'`));
    expect(event.message_id).toBe(stop);

    await inbound('+16175553001', 'comenzar');
    expect(await ledger('+16175553001')).toEqual([
      { action: 'opt_out', source: 'keyword' },
      { action: 'opt_in', source: 'keyword' },
    ]);
    expect(await replies('+16175553001')).toHaveLength(2);
  });

  it('sends one confirmation when two STOPs from one phone are processed at the same moment', async () => {
    const store = (body: string) => storeInbound(spec.db, spec.fixture.tenantId, '+16175553004', body);
    const ids = [await store('STOP'), await store('stop.')];
    await Promise.all(
      ids.map((id) => TenantContext.run({ tenantId: spec.fixture.tenantId }, () => new ProcessInboundUseCase(spec.db, spec.jobs, noSurveys).execute(id))),
    );
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
    const [conversation] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select unread_count from conversations where phone = '+16175553003'`));
    expect(conversation.unread_count).toBe(1);
    await inbound('+16175553003', 'yes');
    const [again] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select unread_count from conversations where phone = '+16175553003'`));
    expect(again.unread_count).toBe(2);
    expect(await ledger('+16175553003')).toEqual([]);
  });

  it('processes each inbound message once', async () => {
    const id = await inbound('+16175553003', 'Thank you');
    await TenantContext.run({ tenantId: spec.fixture.tenantId }, () => new ProcessInboundUseCase(spec.db, spec.jobs, noSurveys).execute(id));
    const [conversation] = await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select unread_count from conversations where phone = '+16175553003'`));
    expect(conversation.unread_count).toBe(3);
  });
});
