import { SecretBox, TenantRepository } from '@porchlight/identity';
import { FanOutNoticeUseCase, PrepareNoticeUseCase, SenderRateLimiter, SendMessageUseCase, SmsProviders, TenantSmsCache } from '@porchlight/messaging';
import { OutboundSms, ProviderMessage, SentMessage, SmsProvider } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  InProcessApi,
  randomHex,
  startInProcessApi,
  TEST_SECRETS_KEY,
  TwoSchoolDistrict,
  Viewer,
  useIntegration,
} from '@porchlight/testing';
import { NoticeTexts } from '@porchlight/translation';
import { createApiApp } from '../bootstrap';

// The setup drives the API and the dispatch steps for several districts: generous on a busy machine.
jest.setTimeout(60_000);
/** The provider at the edge of the world: records what it is asked to send. */
class RecordingProvider implements SmsProvider {
  sent: OutboundSms[] = [];
  async send(message: OutboundSms): Promise<ProviderMessage> {
    this.sent.push(message);
    return { sid: `SM${randomHex(16)}`, status: 'queued' };
  }
  async fetch(sid: string): Promise<ProviderMessage> {
    return { sid, status: 'queued' };
  }
  async findSent(): Promise<SentMessage[]> {
    return [];
  }
}

/**
 * `POST /api/v1/notices/:id/cancel`: what has not left stops (rows `canceled`, and delivery's
 * guarded claim sends none of them), what has left keeps its course, and nothing to stop is 409.
 */
describe('Canceling a notice (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('notice-cancel', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let other: TwoSchoolDistrict;
  const provider = new RecordingProvider();
  let delivery: SendMessageUseCase;

  const as = (viewer: Viewer | string, district = d) => api.as((typeof viewer === 'string' ? district.viewer(viewer) : viewer).token);
  const admin = () => as('district admin');
  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, work);
  const prepare = (id: string) => inTenant(() => new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db)).execute(id));
  const fanOut = (id: string) => inTenant(() => new FanOutNoticeUseCase(spec.db, spec.jobs).execute(id));
  const rows = (id: string) =>
    spec.db.txFor(d.fixture.tenantId, (m) => m.query(`select id, phone, status from messages where notice_id = $1 order by phone`, [id])) as Promise<
      { id: string; phone: string; status: string }[]
    >;
  const sent = async (audience: object = { all: true }) => {
    const created = await admin().post('/api/v1/notices', { body: 'Buses run late today.', sourceLanguage: 'en', urgency: 'urgent', audience });
    for (const [language, body] of Object.entries({ es: 'Los autobuses llegan tarde hoy.', vi: 'Xe buýt đến trễ hôm nay.' })) {
      await admin().put(`/api/v1/notices/${created.body.id}/translations/${language}`, { body });
    }
    expect((await admin().post(`/api/v1/notices/${created.body.id}/send`)).status).toBe(202);
    return created.body.id as string;
  };

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755509' });
    other = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755510' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
    const providers = new SmsProviders({ sandboxUrl: 'http://127.0.0.1:9' });
    jest.spyOn(providers, 'for').mockReturnValue(provider);
    delivery = new SendMessageUseCase(
      spec.db,
      new TenantSmsCache(spec.db, new TenantRepository(new SecretBox(TEST_SECRETS_KEY))),
      providers,
      new SenderRateLimiter(spec.redis, spec.prefix),
      spec.jobs,
      { publicBaseUrl: 'https://porchlight.example.org', unreachableRetryMs: 300_000 },
    );
  });

  spec.onTeardown(() => api?.close());

  it('cancels the messages still waiting, leaves those that left, and delivery sends none of the canceled ones', async () => {
    const id = await sent();
    await prepare(id);
    expect((await fanOut(id)).written).toBe(5);
    const [claimed, delivered, ...waiting] = await rows(id);
    await spec.db.txFor(d.fixture.tenantId, async (m) => {
      await m.query(`update messages set status = 'sending', provider_sid = 'SMclaimed' where id = $1`, [claimed.id]);
      await m.query(`update messages set status = 'delivered', provider_sid = 'SMdelivered' where id = $1`, [delivered.id]);
    });

    const canceled = await admin().post(`/api/v1/notices/${id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', stats: { total: 5, sending: 1, delivered: 1, canceled: 3, queued: 0 } });
    expect((await rows(id)).map((r) => r.status).sort()).toEqual(['canceled', 'canceled', 'canceled', 'delivered', 'sending']);

    // The jobs enqueued at fan-out still run: the guarded claim finds nothing to send.
    for (const row of waiting) expect(await inTenant(() => delivery.execute(row.id, { attemptsMade: 0, maxAttempts: 8 }))).toBe('skipped');
    expect(provider.sent).toEqual([]);
    expect((await admin().get(`/api/v1/notices/${id}/messages?status=canceled`)).body.items.map((r: { id: string }) => r.id).sort()).toEqual(
      waiting.map((r) => r.id).sort(),
    );
    expect((await admin().get('/api/v1/notices?status=canceled')).body.items.map((n: { id: string }) => n.id)).toContain(id);

    const again = await admin().post(`/api/v1/notices/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/nothing left to cancel/);
  });

  it('stops a notice before its fan-out: it never fans out', async () => {
    const id = await sent();
    expect((await admin().post(`/api/v1/notices/${id}/cancel`)).body).toMatchObject({ status: 'canceled', stats: { total: 0 } });
    expect(await prepare(id)).toBe('skipped');
    expect(await fanOut(id)).toEqual({ written: 0, enqueued: 0 });
    expect(await rows(id)).toEqual([]);
  });

  it('answers 409 when nothing can be canceled: a draft, or a notice whose every message has left', async () => {
    const draft = await admin().post('/api/v1/notices', { body: 'x', sourceLanguage: 'en', urgency: 'normal', audience: { all: true } });
    const onDraft = await admin().post(`/api/v1/notices/${draft.body.id}/cancel`);
    expect([onDraft.status, onDraft.body.message]).toEqual([409, 'the notice has not been sent: there is nothing to cancel']);

    const id = await sent({ contactIds: [d.contacts.northEn] });
    await prepare(id);
    await fanOut(id);
    await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`update messages set status = 'delivered', provider_sid = 'SMgone' where notice_id = $1`, [id]));
    const finished = await admin().post(`/api/v1/notices/${id}/cancel`);
    expect(finished.status).toBe(409);
    expect((await admin().get(`/api/v1/notices/${id}`)).body.status).toBe('sent');
  });

  it('keeps school scope and districts: 404 to whom cannot open it, 403 to whom sees only part of its families', async () => {
    const id = await sent();
    expect((await as('staff without schools').post(`/api/v1/notices/${id}/cancel`)).status).toBe(404);
    expect((await as('district admin', other).post(`/api/v1/notices/${id}/cancel`)).status).toBe(404);
    expect((await as('north staff').post(`/api/v1/notices/${id}/cancel`)).status).toBe(403);
    expect((await admin().get(`/api/v1/notices/${id}`)).body.status).toBe('translating');
    expect((await admin().post(`/api/v1/notices/not-a-uuid/cancel`)).status).toBe(404);
  });
});
