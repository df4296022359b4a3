import { QueueName } from '@porchlight/contracts';
import { SecretBox } from '@porchlight/identity';
import { OutboundGuard } from '@porchlight/outbound';
import { TenantContext } from '@porchlight/tenancy';
import {
  addFamilies,
  createNoticeFixture,
  createTenantFixture,
  PhraseTranslatorServer,
  TEST_SECRETS_KEY,
  TenantFixture,
  useIntegration,
} from '@porchlight/testing';
import { NoticeTexts, rememberTranslation, TenantTranslator } from '@porchlight/translation';
import { PrepareNoticeUseCase } from './prepare-notice.use-case';

const BODY = 'The PTA meets at Lincoln Elementary tomorrow. Details: https://lincoln.example/pta';

/** A notice_translations row as the spec reads it. */
interface StoredText {
  language: string;
  body: string;
  origin: string;
  status: string;
  review_reason: string | null;
}

describe('PrepareNoticeUseCase: memory, machine translation, glossary, review (Postgres and Redis)', () => {
  const spec = useIntegration('prepare', { poolSize: 3, tenant: false });
  let engine: PhraseTranslatorServer;
  let prepare: PrepareNoticeUseCase;

  beforeAll(async () => {
    engine = await new PhraseTranslatorServer({
      'en>es': { 'meets at': 'se reúne en', tomorrow: 'mañana', Details: 'Detalles', 'The ': 'La ' },
      'en>vi': { 'meets at': 'họp tại', tomorrow: 'ngày mai', Details: 'Chi tiết' },
      // An engine that loses the first placeholder.
      'en>ar': { '⟦1⟧': '', tomorrow: 'غدا' },
    }).start();
    // The local engine is on loopback over plain http: the operator allows that host, as a cluster-internal LibreTranslate.
    const guard = new OutboundGuard(['127.0.0.1']);
    prepare = new PrepareNoticeUseCase(
      spec.db,
      spec.jobs,
      new NoticeTexts(spec.db, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 }, guard })),
    );
  });

  spec.onTeardown(async () => {
    await engine.stop();
  });

  const district = async (translation: object, languages: string[]): Promise<TenantFixture> => {
    const fixture = await createTenantFixture(spec.db);
    await spec.db.txFor(fixture.tenantId, async (m) => {
      await m.query(`update tenants set translation = translation || $2::jsonb, languages = $3 where id = $1`, [
        fixture.tenantId,
        JSON.stringify({ provider: 'libretranslate', url: engine.url, ...translation }),
        ['en', ...languages],
      ]);
      await m.query(`insert into glossary_terms (tenant_id, term, translations) values ($1, 'Lincoln Elementary', '{}'), ($1, 'PTA', $2)`, [
        fixture.tenantId,
        JSON.stringify({ es: 'Asociación de Padres' }),
      ]);
    });
    const phone = () => `+1617555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    await addFamilies(
      spec.db,
      fixture.tenantId,
      [...languages, ...languages, 'es'].map((language) => ({ phone: phone(), language })),
    );
    return fixture;
  };
  const run = (fixture: TenantFixture, noticeId: string) => TenantContext.run({ tenantId: fixture.tenantId }, () => prepare.execute(noticeId));
  const translations = (fixture: TenantFixture, noticeId: string) =>
    spec.db.txFor(fixture.tenantId, async (m) => {
      const found: StoredText[] = await m.query(
        `select language, body, origin, status, review_reason from notice_translations where notice_id = $1 order by language`,
        [noticeId],
      );
      return Object.fromEntries(found.map((r) => [r.language, r]));
    });
  const notice = (fixture: TenantFixture, noticeId: string) =>
    spec.db.txFor(fixture.tenantId, async (m) => (await m.query(`select status, status_reason from notices where id = $1`, [noticeId]))[0]);

  it('machine-translates each language once per notice, keeps glossary terms and links intact, and hands the notice to fan-out', async () => {
    const fixture = await district({}, ['es', 'vi']);
    const noticeId = await createNoticeFixture(spec.db, fixture, { body: BODY });
    const before = engine.requests.length;

    await expect(run(fixture, noticeId)).resolves.toBe('ready');

    const rows = await translations(fixture, noticeId);
    expect(rows.es).toMatchObject({ origin: 'machine', status: 'ready' });
    expect(rows.es.body).toBe('La Asociación de Padres se reúne en Lincoln Elementary mañana. Detalles: https://lincoln.example/pta');
    expect(rows.vi).toMatchObject({ origin: 'machine', status: 'ready' });
    expect(rows.vi.body).toContain('PTA họp tại Lincoln Elementary ngày mai');
    // Three Spanish families, two Vietnamese: one request per language, the terms hidden from the engine.
    const calls = engine.requests.slice(before);
    expect(calls.map((c) => c.target).sort()).toEqual(['es', 'vi']);
    for (const call of calls) {
      expect(call.q).toHaveLength(1);
      expect(call.q[0]).not.toMatch(/Lincoln|PTA|https:/);
      expect(call.q[0]).toContain('⟦');
    }
    expect(await notice(fixture, noticeId)).toMatchObject({ status: 'translating' });
    expect(await spec.jobs.queue(QueueName.Dispatch).getJob(`notice-fanout-${noticeId}`)).toBeDefined();
  });

  it('prefers a translation written on the notice, then the memory, to any engine; machine output is cached', async () => {
    const fixture = await district({}, ['es', 'vi']);
    const first = await createNoticeFixture(spec.db, fixture, { body: BODY, translations: { vi: 'Người viết: họp PTA ngày mai.' } });
    const callsBefore = engine.requests.length;
    await run(fixture, first);
    expect((await translations(fixture, first)).vi).toMatchObject({ origin: 'human', body: 'Người viết: họp PTA ngày mai.' });
    expect(engine.requests.slice(callsBefore).map((c) => c.target)).toEqual(['es']);

    // A liaison's Spanish enters the memory; the same text sent again (spacing aside) uses it.
    await spec.db.txFor(fixture.tenantId, (m) =>
      rememberTranslation(m, fixture.tenantId, {
        sourceLanguage: 'en',
        sourceText: BODY,
        language: 'es',
        body: 'La reunión de la Asociación de Padres es mañana.',
        approvedBy: fixture.adminId,
      }),
    );
    const second = await createNoticeFixture(spec.db, fixture, { body: `  ${BODY.replace(' at ', '  at ')}\n` });
    const callsSecond = engine.requests.length;
    await expect(run(fixture, second)).resolves.toBe('ready');
    const rows = await translations(fixture, second);
    expect(rows.es).toMatchObject({ origin: 'memory', status: 'ready', body: 'La reunión de la Asociación de Padres es mañana.' });
    // Vietnamese has no memory and was written by a person on the first notice: one engine call.
    expect(rows.vi).toMatchObject({ origin: 'machine', status: 'ready' });
    expect(engine.requests.slice(callsSecond).map((c) => c.target)).toEqual(['vi']);

    // A third send of the text: Spanish from memory, Vietnamese from the machine cache, no engine call at all.
    const third = await createNoticeFixture(spec.db, fixture, { body: BODY });
    const callsThird = engine.requests.length;
    await run(fixture, third);
    const again = await translations(fixture, third);
    expect(again.es.origin).toBe('memory');
    expect(again.vi).toMatchObject({ origin: 'machine', body: rows.vi.body });
    expect(engine.requests.length).toBe(callsThird);
  });

  it('holds a notice whose urgency the district reviews: machine output needs review and the notice goes back to draft', async () => {
    const fixture = await district({ requireReviewFor: ['emergency'] }, ['es']);
    const emergency = await createNoticeFixture(spec.db, fixture, { body: 'School closes early tomorrow.', urgency: 'emergency' });
    await expect(run(fixture, emergency)).resolves.toBe('held');
    expect((await translations(fixture, emergency)).es).toMatchObject({ origin: 'machine', status: 'needs_review' });
    expect((await translations(fixture, emergency)).es.review_reason).toContain('emergency');
    expect(await notice(fixture, emergency)).toEqual({ status: 'draft', status_reason: 'translations to review before sending: es' });
    expect(await spec.jobs.queue(QueueName.Dispatch).getJob(`notice-fanout-${emergency}`)).toBeUndefined();

    const normal = await createNoticeFixture(spec.db, fixture, { body: 'Picture day is tomorrow.' });
    await expect(run(fixture, normal)).resolves.toBe('ready');
    expect((await translations(fixture, normal)).es.status).toBe('ready');
  });

  it('sends machine output whose placeholders did not survive to review', async () => {
    const fixture = await district({}, ['ar']);
    const noticeId = await createNoticeFixture(spec.db, fixture, { body: 'Lincoln Elementary opens tomorrow.' });
    await expect(run(fixture, noticeId)).resolves.toBe('held');
    const rows = await translations(fixture, noticeId);
    expect(rows.ar).toMatchObject({ origin: 'machine', status: 'needs_review' });
    expect(rows.ar.review_reason).toContain('placeholder');
    expect((await notice(fixture, noticeId)).status).toBe('draft');
  });

  it('holds with the reason when the engine fails and the policy is to hold', async () => {
    const fixture = await district({ url: 'http://127.0.0.1:9' }, ['es']);
    const noticeId = await createNoticeFixture(spec.db, fixture, { body: 'Engine down today.' });
    await expect(run(fixture, noticeId)).resolves.toBe('held');
    expect(await translations(fixture, noticeId)).toEqual({});
    expect((await notice(fixture, noticeId)).status_reason).toMatch(/^translations needed before sending: es; machine translation failed: es/);
  });

  it.each([
    ['a loopback engine the operator did not allow', () => engine.url, /url must use https/],
    ['a cloud metadata address', () => 'https://169.254.169.254/latest', /url must not point at a cloud metadata address/],
    ['an IPv4-mapped loopback address', () => 'https://[::ffff:127.0.0.1]:5000', /url must not point at a loopback address/],
  ])('holds, naming the refusal, when the district engine is %s', async (_, url, reason) => {
    const strict = new PrepareNoticeUseCase(
      spec.db,
      spec.jobs,
      new NoticeTexts(spec.db, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } })),
    );
    const fixture = await district({ url: url() }, ['es']);
    const noticeId = await createNoticeFixture(spec.db, fixture, { body: 'Engine refused today.' });
    const before = engine.requests.length;
    await expect(TenantContext.run({ tenantId: fixture.tenantId }, () => strict.execute(noticeId))).resolves.toBe('held');
    const held = await notice(fixture, noticeId);
    expect(held.status).toBe('draft');
    expect(held.status_reason).toMatch(
      /^translations needed before sending: es; machine translation failed: es \(porchlight: translation provider "libretranslate" /,
    );
    expect(held.status_reason).toMatch(reason);
    expect(engine.requests.length).toBe(before);
  });
});
