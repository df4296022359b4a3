import { QueueName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, createTenantFixture, TenantFixture, useIntegration } from '@porchlight/testing';
import { NoticeTexts, templateCatalog } from '@porchlight/translation';
import { PrepareNoticeUseCase } from './prepare-notice.use-case';

const TEMPLATE = { key: 'early_release', variables: { school: 'Lincoln Elementary', date: '2026-03-06', time: '13:15' } };

/** A notice_translations row as the spec reads it. */
interface StoredText {
  language: string;
  body: string;
  origin: string;
  status: string;
  review_reason: string | null;
}

describe('PrepareNoticeUseCase: a template notice takes its languages from the catalog (Postgres and Redis)', () => {
  const spec = useIntegration('catalog', { tenant: false });
  let prepare: PrepareNoticeUseCase;

  beforeAll(async () => {
    // No engine at all: whatever is translated comes from the catalog.
    prepare = new PrepareNoticeUseCase(spec.db, spec.jobs, new NoticeTexts(spec.db, null));
  });

  const district = async (translation: object, languages: string[]): Promise<TenantFixture> => {
    const fixture = await createTenantFixture(spec.db, { timezone: 'America/New_York' });
    await spec.db.txFor(fixture.tenantId, (m) =>
      m.query(`update tenants set translation = translation || $2::jsonb, languages = $3 where id = $1`, [
        fixture.tenantId,
        JSON.stringify(translation),
        ['en', ...languages],
      ]),
    );
    await addFamilies(
      spec.db,
      fixture.tenantId,
      ['en', ...languages].map((language, i) => ({ phone: `+1617555${String(200 + i).padStart(4, '0')}`, language })),
    );
    return fixture;
  };
  const templateNotice = (fixture: TenantFixture, urgency: string, translations: Record<string, string> = {}) =>
    spec.db.txFor(fixture.tenantId, async (m) => {
      const [notice] = await m.query(
        `insert into notices (tenant_id, author_user_id, body, source_language, audience, urgency, status, template_key, template_variables)
         values ($1, $2, $3, 'en', '{"all":true}', $4, 'translating', $5, $6) returning id`,
        [
          fixture.tenantId,
          fixture.adminId,
          templateCatalog.render(TEMPLATE.key, 'en', TEMPLATE.variables),
          urgency,
          TEMPLATE.key,
          JSON.stringify(TEMPLATE.variables),
        ],
      );
      for (const [language, body] of Object.entries(translations)) {
        await m.query(`insert into notice_translations (tenant_id, notice_id, language, body, origin, status) values ($1, $2, $3, $4, 'human', 'ready')`, [
          fixture.tenantId,
          notice.id,
          language,
          body,
        ]);
      }
      return notice.id as string;
    });
  const run = (fixture: TenantFixture, noticeId: string) => TenantContext.run({ tenantId: fixture.tenantId }, () => prepare.execute(noticeId));
  const translations = (fixture: TenantFixture, noticeId: string) =>
    spec.db.txFor(fixture.tenantId, async (m) => {
      const found: StoredText[] = await m.query(`select language, body, origin, status, review_reason from notice_translations where notice_id = $1`, [
        noticeId,
      ]);
      return Object.fromEntries(found.map((r) => [r.language, r]));
    });

  it('fills Spanish, Vietnamese and Arabic from the catalog with origin catalog, without any engine, and hands the notice on', async () => {
    const fixture = await district({ provider: 'none', untranslatedPolicy: 'hold' }, ['es', 'vi', 'ar']);
    const noticeId = await templateNotice(fixture, 'normal');

    await expect(run(fixture, noticeId)).resolves.toBe('ready');

    const rows = await translations(fixture, noticeId);
    expect(Object.keys(rows).sort()).toEqual(['ar', 'es', 'vi']);
    for (const language of ['es', 'vi', 'ar']) {
      expect(rows[language]).toMatchObject({ origin: 'catalog', status: 'ready', review_reason: null });
      expect(rows[language].body).toBe(templateCatalog.render(TEMPLATE.key, language, TEMPLATE.variables, 'America/New_York'));
      expect(rows[language].body).not.toContain('{{');
    }
    expect(rows.es.body).toContain('a las 13:15 el viernes, 6 de marzo');
    expect(rows.ar.body).toContain('الجمعة');
    expect(await spec.jobs.queue(QueueName.Dispatch).getJob(`notice-fanout-${noticeId}`)).toBeDefined();
  });

  it('keeps a translation a person wrote, and sends catalog text to review when the district reviews that urgency', async () => {
    const fixture = await district({ provider: 'none', untranslatedPolicy: 'hold', requireReviewFor: ['urgent'] }, ['es', 'vi']);
    const noticeId = await templateNotice(fixture, 'urgent', { vi: 'Trường cho về sớm lúc 1:15 chiều thứ Sáu.' });

    await expect(run(fixture, noticeId)).resolves.toBe('held');

    const rows = await translations(fixture, noticeId);
    expect(rows.vi).toMatchObject({ origin: 'human', status: 'ready' });
    expect(rows.es).toMatchObject({ origin: 'catalog', status: 'needs_review', review_reason: 'the district reviews translations of urgent notices' });
    const [notice] = await spec.db.txFor(fixture.tenantId, (m) => m.query(`select status, status_reason from notices where id = $1`, [noticeId]));
    expect(notice).toEqual({ status: 'draft', status_reason: 'translations to review before sending: es' });
  });
});
