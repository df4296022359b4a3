import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { SecretBox, TenantRepository } from '@porchlight/identity';
import { OutboundSms, ProviderError, ProviderMessage, SentMessage, SmsProvider } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { Reconciler } from './reconciler';
import { RefreshStatusUseCase } from './refresh-status.use-case';
import { SmsProviders } from './sms-providers';
import { TenantSmsCache } from './tenant-sms-cache';

/** The provider's side of a look-up by SID: what it says of each message now. */
class LookupProvider implements SmsProvider {
  readonly statuses = new Map<string, ProviderMessage | ProviderError>();
  readonly fetched: string[] = [];

  send(message: OutboundSms): Promise<ProviderMessage> {
    return Promise.reject(new Error(`nothing is sent here (${message.to.length} digits)`));
  }

  async fetch(sid: string): Promise<ProviderMessage> {
    this.fetched.push(sid);
    const found = this.statuses.get(sid);
    if (found instanceof ProviderError) throw found;
    return found ?? { sid, status: 'sent' };
  }

  async findSent(): Promise<SentMessage[]> {
    return [];
  }
}

describe('status look-ups for messages whose final callback was lost (Postgres and Redis)', () => {
  const spec = useIntegration('refresh-status', { poolSize: 3 });
  const provider = new LookupProvider();
  let reconciler: Reconciler;
  let refresh: RefreshStatusUseCase;

  beforeAll(() => {
    const providers = new SmsProviders({ sandboxUrl: 'http://127.0.0.1:9' });
    jest.spyOn(providers, 'for').mockReturnValue(provider);
    refresh = new RefreshStatusUseCase(spec.db, new TenantSmsCache(spec.db, new TenantRepository(new SecretBox(TEST_SECRETS_KEY))), providers, spec.jobs, {
      publicBaseUrl: 'https://porchlight.example.org',
      unreachableRetryMs: 60_000,
    });
    reconciler = new Reconciler(spec.db, spec.jobs, { staleAfterSeconds: 30, sendingStaleAfterSeconds: 120, statusStaleAfterSeconds: 900 }, null);
  });

  let n = 0;
  /** An outbound message the provider took (SID `sid`), its last news `ageSeconds` ago, sent `sentHoursAgo` hours ago. */
  const message = (status: string, ageSeconds: number, sentHoursAgo = 1) => {
    n += 1;
    const sid = `SM${String(n).padStart(32, '0')}`;
    return spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid, created_at, updated_at)
         values ($1, 'outbound', 'notice', $2, 'Hello', $3, $4, now() - make_interval(hours => $5), now() - make_interval(secs => $6)) returning id`,
        [spec.fixture.tenantId, `+1617555${String(3000 + n)}`, status, sid, sentHoursAgo, ageSeconds],
      );
      return { id: row.id as string, sid };
    });
  };
  const row = (id: string) =>
    spec.db.txFor(
      spec.fixture.tenantId,
      async (m) => (await m.query(`select status, error_code, extract(epoch from updated_at)::bigint::text as stamp from messages where id = $1`, [id]))[0],
    );
  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: spec.fixture.tenantId, correlationId: 'spec' }, work);
  const sweep = () => inTenant(() => reconciler.sweepTenant(spec.fixture.tenantId));
  const delivery = () => spec.jobs.queue(QueueName.Delivery);

  it('looks up a sent message whose delivered callback never came, once per wait, and stores what the provider says', async () => {
    // Sent an hour ago, no news for 40 minutes: more than half its age.
    const { id, sid } = await message('sent', 2400);
    const { stamp } = await row(id);
    const first = await sweep();
    expect(first.statuses).toBeGreaterThanOrEqual(1);
    const job = await delivery().getJob(jobId.refreshStatus(id, stamp));
    expect(job?.name).toBe(JobName.RefreshStatus);
    expect(job?.data).toMatchObject({ messageId: id, stamp });
    // A second sweep before the look-up ran adds no second job.
    await sweep();
    expect((await delivery().getJobs(['wait', 'delayed', 'prioritized'])).filter((j) => j.data.messageId === id)).toHaveLength(1);

    provider.statuses.set(sid, { sid, status: 'delivered' });
    expect(await inTenant(() => refresh.execute(id, stamp))).toBe('updated');
    expect(await row(id)).toMatchObject({ status: 'delivered' });
    expect(await inTenant(() => refresh.execute(id, stamp))).toBe('skipped');
  });

  it('stamps a message the provider still has as sent, so it is asked about again only after another wait', async () => {
    const { id, sid } = await message('sent', 1000);
    const { stamp } = await row(id);
    expect(await inTenant(() => refresh.execute(id, stamp))).toBe('unchanged');
    expect(provider.fetched).toContain(sid);
    const after = await row(id);
    expect(after.status).toBe('sent');
    expect(Number(after.stamp)).toBeGreaterThan(Number(stamp));
    await sweep();
    expect(await delivery().getJob(jobId.refreshStatus(id, after.stamp))).toBeUndefined();
  });

  it('stores a failure the provider reports, with its error code', async () => {
    const { id, sid } = await message('sending', 1000);
    provider.statuses.set(sid, { sid, status: 'undelivered', errorCode: 30007 });
    expect(await inTenant(async () => refresh.execute(id, (await row(id)).stamp))).toBe('updated');
    expect(await row(id)).toMatchObject({ status: 'undelivered', error_code: 30007 });
  });

  it('acts on a lost failure as its callback would have: 30003 plans another try, 21610 opts the phone out', async () => {
    const unreachable = await message('sent', 1000);
    provider.statuses.set(unreachable.sid, { sid: unreachable.sid, status: 'undelivered', errorCode: 30003 });
    expect(await inTenant(async () => refresh.execute(unreachable.id, (await row(unreachable.id)).stamp))).toBe('updated');
    const [requeued] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select status, provider_sid, provider_sid_history, unreachable_attempts, attempts from messages where id = $1`, [unreachable.id]),
    );
    expect(requeued).toMatchObject({ status: 'queued', provider_sid: null, provider_sid_history: [unreachable.sid], unreachable_attempts: 1 });
    const retry = await delivery().getJob(jobId.sendMessage(unreachable.id, requeued.attempts));
    expect(retry?.data).toMatchObject({ messageId: unreachable.id });
    expect(await retry?.isDelayed()).toBe(true);

    const unsubscribed = await message('sent', 1000);
    provider.statuses.set(unsubscribed.sid, { sid: unsubscribed.sid, status: 'undelivered', errorCode: 21610 });
    expect(await inTenant(async () => refresh.execute(unsubscribed.id, (await row(unsubscribed.id)).stamp))).toBe('updated');
    expect(await row(unsubscribed.id)).toMatchObject({ status: 'undelivered', error_code: 21610 });
    const phone = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const [{ phone: number }] = await m.query(`select phone from messages where id = $1`, [unsubscribed.id]);
      return {
        optedOut: (await m.query(`select opted_out_at is not null as yes from phones where phone = $1`, [number]))[0]?.yes,
        ledger: await m.query(`select action, source from consent_events where phone = $1`, [number]),
      };
    });
    expect(phone).toEqual({ optedOut: true, ledger: [{ action: 'opt_out', source: 'provider' }] });
  });

  it('leaves alone messages with recent news, final ones, ones asked about within half their age, and ones sent before the horizon', async () => {
    const recent = await message('sent', 10);
    const final = await message('delivered', 1000);
    const old = await message('sent', 1000, 24 * 4);
    // Sent ten hours ago, last news three hours ago: the next look-up waits until half its age has passed.
    const asked = await message('sent', 3 * 3600, 10);
    await sweep();
    for (const { id } of [recent, final, old, asked]) {
      const { stamp } = await row(id);
      expect(await delivery().getJob(jobId.refreshStatus(id, stamp))).toBeUndefined();
    }
  });

  it('retries the look-up when the provider is busy, and gives up for now when it does not know the message', async () => {
    const busy = await message('sent', 1000);
    provider.statuses.set(busy.sid, new ProviderError('transient', undefined, 'Service unavailable', 503));
    await expect(inTenant(async () => refresh.execute(busy.id, (await row(busy.id)).stamp))).rejects.toBeInstanceOf(ProviderError);
    expect((await row(busy.id)).status).toBe('sent');

    const unknown = await message('sent', 1000);
    const { stamp } = await row(unknown.id);
    provider.statuses.set(unknown.sid, new ProviderError('permanent', 20404, 'Not found', 404));
    expect(await inTenant(() => refresh.execute(unknown.id, stamp))).toBe('unchanged');
    expect(Number((await row(unknown.id)).stamp)).toBeGreaterThan(Number(stamp));
  });
});
