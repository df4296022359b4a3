import { JobName, QueueName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { SecretBox } from '@porchlight/identity';
import { languageConfirmation, TenantTranslator } from '@porchlight/translation';
import { addFamilies, TEST_SECRETS_KEY, storeInbound, useIntegration } from '@porchlight/testing';
import { ConversationsUseCases } from './conversations.use-cases';
import { InboundSurveys, ProcessInboundUseCase } from './process-inbound.use-case';

/** No survey asks these phones anything: surveys are engagement's, a domain above messaging. */
const noSurveys: InboundSurveys = { answer: () => Promise.resolve(null), stop: () => Promise.resolve() };

describe('Family replies: language, routing, language choice (Postgres and Redis)', () => {
  const spec = useIntegration('replies', { poolSize: 3 });
  let schoolId: string;
  let teacherId: string;
  const [SPANISH, VIETNAMESE, ENGLISH, UNTOUCHED, ROUTED] = ['+16175554001', '+16175554002', '+16175554003', '+16175554004', '+16175554005'];

  beforeAll(async () => {
    ({ schoolId } = await addFamilies(spec.db, spec.fixture.tenantId, [
      { phone: SPANISH, language: 'es' },
      { phone: VIETNAMESE, language: 'vi' },
      { phone: ENGLISH, language: 'en' },
      { phone: UNTOUCHED, language: 'es' },
      { phone: ROUTED, language: 'en' },
    ]));
    teacherId = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const [teacher] = await m.query(
        `insert into users (tenant_id, email, password_hash, role, language, school_ids) values ($1, 'teacher@fixture.test', 'x', 'staff', 'en', $2) returning id`,
        [spec.fixture.tenantId, [schoolId]],
      );
      await m.query(
        `insert into messages (tenant_id, direction, kind, phone, language, body, status, author_user_id) values ($1, 'outbound', 'reply', $2, 'es', 'Hola', 'delivered', $3)`,
        [spec.fixture.tenantId, SPANISH, teacher.id],
      );
      return teacher.id as string;
    });
  });

  const inbound = async (phone: string, body: string) => {
    const id = await storeInbound(spec.db, spec.fixture.tenantId, phone, body);
    await TenantContext.run({ tenantId: spec.fixture.tenantId }, () => new ProcessInboundUseCase(spec.db, spec.jobs, noSurveys).execute(id));
    return id;
  };
  const one = (sql: string, params: unknown[]) => spec.db.txFor(spec.fixture.tenantId, async (m) => (await m.query(sql, params))[0]);

  it('detects a Spanish reply written without accents, threads it to the teacher who wrote, and asks for its translation', async () => {
    const id = await inbound(SPANISH, 'hola maestra, mi hijo no puede ir a la escuela manana porque esta enfermo');
    expect(await one(`select language from messages where id = $1`, [id])).toEqual({ language: 'es' });
    expect(await one(`select assigned_user_id, school_id, unread_count from conversations where phone = $1`, [SPANISH])).toEqual({
      assigned_user_id: teacherId,
      school_id: schoolId,
      unread_count: 1,
    });
    const job = await spec.jobs.queue(QueueName.Translation).getJob(`reply-translate-${id}`);
    expect(job?.name).toBe(JobName.TranslateReply);
    // Ids only: the reply's text stays in Postgres.
    expect(job?.data).toEqual({ tenantId: spec.fixture.tenantId, correlationId: expect.any(String), messageId: id });
  });

  it("puts a reply from a family nobody wrote to in its school's shared inbox", async () => {
    await inbound(ENGLISH, 'Is there school on Friday?');
    expect(await one(`select assigned_user_id, school_id from conversations where phone = $1`, [ENGLISH])).toEqual({
      assigned_user_id: null,
      school_id: schoolId,
    });
  });

  it('sets the language a family texts by name, for the family, and confirms in that language without threading', async () => {
    const id = await inbound(VIETNAMESE, 'ESPAÑOL');
    expect(await one(`select language, language_source from contacts where phone = $1`, [VIETNAMESE])).toEqual({ language: 'es', language_source: 'family' });
    expect(await one(`select body, language from messages where reply_to_id = $1 and kind = 'system'`, [id])).toEqual({
      body: languageConfirmation('es'),
      language: 'es',
    });
    expect(await one(`select count(*)::int as n from conversations where phone = $1`, [VIETNAMESE])).toEqual({ n: 0 });

    await inbound(VIETNAMESE, 'LANG vi');
    expect(await one(`select language from contacts where phone = $1`, [VIETNAMESE])).toEqual({ language: 'vi' });
  });

  it('suggests a language to staff after three replies in a row in another language, and forgets it after one in the preferred language', async () => {
    const suggestion = () => one(`select suggested_language from conversations where phone = $1`, [ENGLISH]);
    await inbound(ENGLISH, 'buenos dias, la reunion es a que hora?');
    await inbound(ENGLISH, 'gracias por la informacion de la escuela');
    expect(await suggestion()).toEqual({ suggested_language: null });
    await inbound(ENGLISH, 'mi hija va a llegar tarde hoy, tiene cita con el doctor');
    expect(await suggestion()).toEqual({ suggested_language: 'es' });
    expect(await one(`select language from contacts where phone = $1`, [ENGLISH])).toEqual({ language: 'en' });
    await inbound(ENGLISH, 'Thank you very much for letting us know about the meeting');
    expect(await suggestion()).toEqual({ suggested_language: null });
  });

  describe('whom a reply goes to', () => {
    let colleagueId: string;
    const thread = () => one(`select id, assigned_user_id, assigned_manually from conversations where phone = $1`, [ROUTED]);
    /** A notice or an answer that reached ROUTED from `author` (`status` as the provider last said). */
    const wrote = (author: string, kind: 'notice' | 'reply', status = 'delivered') =>
      spec.db.txFor(spec.fixture.tenantId, (m) =>
        m.query(
          `insert into messages (tenant_id, direction, kind, phone, language, body, status, author_user_id) values ($1, 'outbound', $2, $3, 'en', 'News', $4, $5)`,
          [spec.fixture.tenantId, kind, ROUTED, status, author],
        ),
      );
    const assign = async (userId: string | null) => {
      const { id } = await thread();
      const admin = { userId: spec.fixture.adminId, tenantId: spec.fixture.tenantId, role: 'district_admin' as const, schoolIds: [], language: 'en' };
      await TenantContext.run({ tenantId: spec.fixture.tenantId }, () =>
        new ConversationsUseCases(spec.db, spec.jobs, new TenantTranslator(spec.db, new SecretBox(TEST_SECRETS_KEY), { call: { retries: 0 } })).assign(
          admin,
          id,
          userId,
        ),
      );
    };

    beforeAll(async () => {
      colleagueId = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
        const [colleague] = await m.query(
          `insert into users (tenant_id, email, password_hash, role, language, school_ids) values ($1, 'colleague@fixture.test', 'x', 'staff', 'es', $2) returning id`,
          [spec.fixture.tenantId, [schoolId]],
        );
        return colleague.id as string;
      });
    });

    it('follows the author of the latest notice or answer the family received, not the first who ever wrote', async () => {
      await wrote(teacherId, 'notice');
      await inbound(ROUTED, 'Thanks for the notice');
      expect(await thread()).toMatchObject({ assigned_user_id: teacherId, assigned_manually: false });
      await wrote(colleagueId, 'reply');
      await inbound(ROUTED, 'And thanks for the answer');
      expect(await thread()).toMatchObject({ assigned_user_id: colleagueId, assigned_manually: false });
    });

    it('ignores what never reached the family (suppressed, canceled, failed, still waiting)', async () => {
      for (const status of ['suppressed', 'canceled', 'failed', 'queued']) await wrote(teacherId, 'notice', status);
      await inbound(ROUTED, 'One more thing');
      expect((await thread()).assigned_user_id).toBe(colleagueId);
    });

    it('keeps a thread a person assigned, whoever writes next, until it goes back to the inbox', async () => {
      await assign(teacherId);
      expect(await thread()).toMatchObject({ assigned_user_id: teacherId, assigned_manually: true });
      await wrote(colleagueId, 'notice');
      await inbound(ROUTED, 'Got the new notice');
      expect(await thread()).toMatchObject({ assigned_user_id: teacherId, assigned_manually: true });

      await assign(null);
      expect(await thread()).toMatchObject({ assigned_user_id: null, assigned_manually: false });
      await inbound(ROUTED, 'Hello again');
      expect(await thread()).toMatchObject({ assigned_user_id: colleagueId, assigned_manually: false });
    });
  });
});
