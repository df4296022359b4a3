import { SecretBox } from '@porchlight/identity';
import { OutboundGuard } from '@porchlight/outbound';
import { TenantContext } from '@porchlight/tenancy';
import { PhraseTranslatorServer, randomHex, TEST_SECRETS_KEY, useIntegration } from '@porchlight/testing';
import { TenantTranslator } from '@porchlight/translation';
import { TranslateReplyUseCase } from './translate-reply.use-case';

describe('TranslateReplyUseCase (Postgres)', () => {
  const spec = useIntegration('translate-reply', { poolSize: 3, redis: false });
  let engine: PhraseTranslatorServer;
  let translate: TranslateReplyUseCase;

  beforeAll(async () => {
    engine = await new PhraseTranslatorServer({
      'es>en': { 'mi hijo esta enfermo': 'my son is sick' },
      'es>vi': { 'mi hijo esta enfermo': 'con tôi bị ốm' },
    }).start();
    await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`update tenants set translation = translation || $2::jsonb where id = $1`, [
        spec.fixture.tenantId,
        JSON.stringify({ provider: 'libretranslate', url: engine.url }),
      ]),
    );
    translate = new TranslateReplyUseCase(
      spec.db,
      new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 }, guard: new OutboundGuard(['127.0.0.1']) }),
    );
  });

  spec.onTeardown(async () => {
    await engine.stop();
  });

  const reply = (phone: string, body: string, language: string, staffLanguage: string | null) =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => {
      let userId: string | null = null;
      if (staffLanguage) {
        [{ id: userId }] = await m.query(`insert into users (tenant_id, email, password_hash, role, language) values ($1, $2, 'x', 'staff', $3) returning id`, [
          spec.fixture.tenantId,
          `staff-${randomHex(4)}@fixture.test`,
          staffLanguage,
        ]);
      }
      await m.query(`insert into conversations (tenant_id, phone, assigned_user_id) values ($1, $2, $3)`, [spec.fixture.tenantId, phone, userId]);
      const [row] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, language, status, processed_at, translate_requested_at)
         values ($1, 'inbound', 'inbound', $2, $3, $4, 'received', now(), now()) returning id`,
        [spec.fixture.tenantId, phone, body, language],
      );
      return row.id as string;
    });
  const run = (id: string) => TenantContext.run({ tenantId: spec.fixture.tenantId }, () => translate.execute(id));
  const stored = (id: string) =>
    spec.db.txFor(
      spec.fixture.tenantId,
      async (m) => (await m.query(`select body, translated_body, translated_language from messages where id = $1`, [id]))[0],
    );
  const waiting = async (id: string) =>
    (await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`select translate_requested_at is not null as waiting from messages where id = $1`, [id])))[0]
      .waiting;

  it("translates into the assigned staff member's language, keeping the original", async () => {
    const id = await reply('+16175556001', 'Mi hijo esta enfermo', 'es', 'vi');
    await expect(run(id)).resolves.toBe('translated');
    expect(await stored(id)).toEqual({ body: 'Mi hijo esta enfermo', translated_body: 'con tôi bị ốm', translated_language: 'vi' });
    // No longer waiting: the reconciler will not ask for it again.
    expect(await waiting(id)).toBe(false);
    await expect(run(id)).resolves.toBe('skipped');
  });

  it("translates a shared-inbox reply into the district's default language", async () => {
    const id = await reply('+16175556002', 'mi hijo esta enfermo hoy', 'es', null);
    await run(id);
    expect(await stored(id)).toMatchObject({ translated_body: 'my son is sick hoy', translated_language: 'en' });
  });

  it('stores nothing for a reply already in the staff language', async () => {
    const calls = engine.requests.length;
    const id = await reply('+16175556003', 'See you at 5', 'en', 'en');
    await expect(run(id)).resolves.toBe('same_language');
    expect(await stored(id)).toMatchObject({ translated_body: null });
    expect(engine.requests.length).toBe(calls);
  });
});
