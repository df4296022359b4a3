import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { OutboundGuard, Resolver } from '@porchlight/outbound';
import { TenantContext } from '@porchlight/tenancy';
import { createTenantFixture, TEST_SECRETS_KEY, TenantFixture, useIntegration } from '@porchlight/testing';
import { SecretBox } from './secret-box';
import { SettingsUseCases } from './settings.use-cases';
import { TenantRepository } from './tenants';

/** DNS for the spec: names that resolve to public, private and metadata addresses. */
const resolver: Resolver = async (hostname) => {
  const table: Record<string, string> = {
    'translate.example.org': '93.184.216.34',
    'intranet.example.org': '10.20.30.40',
    'imds.example.org': '169.254.169.254',
  };
  if (!table[hostname]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return [{ address: table[hostname], family: 4 }];
};

describe('SettingsUseCases: provider URLs and the audit of changes (Postgres)', () => {
  const spec = useIntegration('settings', { tenant: false, redis: false });
  let useCases: SettingsUseCases;
  let fixture: TenantFixture;
  let admin: StaffPrincipal;

  beforeAll(async () => {
    useCases = new SettingsUseCases(spec.db, new TenantRepository(new SecretBox(TEST_SECRETS_KEY)), new OutboundGuard(['libretranslate'], resolver));
  });
  beforeEach(async () => {
    fixture = await createTenantFixture(spec.db);
    admin = { userId: fixture.adminId, tenantId: fixture.tenantId, role: 'district_admin', schoolIds: [], language: 'en' };
  });

  // As the API runs them: inside the caller's tenant context.
  const settings = {
    update: (actor: StaffPrincipal, command: Parameters<SettingsUseCases['update']>[1]) =>
      TenantContext.run({ tenantId: actor.tenantId }, () => useCases.update(actor, command)),
    get: (actor: StaffPrincipal) => TenantContext.run({ tenantId: actor.tenantId }, () => useCases.get(actor)),
  };
  const auditRows = () =>
    spec.db.txFor(fixture.tenantId, (m) =>
      m.query(`select action, data, actor_user_id from audit_log where tenant_id = $1 and action like 'settings.%' order by id`, [fixture.tenantId]),
    ) as Promise<Array<{ action: string; data: Record<string, unknown>; actor_user_id: string }>>;
  const stored = () =>
    spec.db.txFor(
      fixture.tenantId,
      async (m) => (await m.query(`select translation, translation_secret_enc, sms_auth_token_enc from tenants where id = $1`, [fixture.tenantId]))[0],
    );

  it('stores an https URL whose host resolves to public addresses, and audits what changed', async () => {
    const updated = await settings.update(admin, { translation: { provider: 'libretranslate', url: 'https://translate.example.org/' } });
    expect(updated.translation).toMatchObject({ provider: 'libretranslate', url: 'https://translate.example.org/' });
    expect(await auditRows()).toEqual([
      {
        action: 'settings.updated',
        actor_user_id: fixture.adminId,
        data: {
          changed: ['translation.provider', 'translation.url'],
          before: { 'translation.provider': 'none', 'translation.url': null },
          after: { 'translation.provider': 'libretranslate', 'translation.url': 'https://translate.example.org/' },
        },
      },
    ]);
  });

  it.each([
    ['http://translate.example.org', 'translation.url must use https (plain http only for hosts on PROVIDER_HOST_ALLOWLIST)'],
    ['https://127.0.0.1:5000', 'translation.url must not point at a loopback address'],
    ['https://[::ffff:169.254.169.254]/', 'translation.url must not point at a cloud metadata address'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'translation.url must not point at a cloud metadata address'],
    ['https://intranet.example.org/translate', 'translation.url resolves to a private address'],
    ['https://imds.example.org/', 'translation.url resolves to a cloud metadata address'],
    ['https://100.64.0.7/', 'translation.url must not point at a shared (CGNAT) address'],
    ['https://user:pw@translate.example.org/', 'translation.url must not carry a user name or password (put keys in apiKey)'],
  ])('refuses %s with a 400 that names translation.url, and stores nothing', async (url, message) => {
    const error = await settings.update(admin, { name: 'Renamed', translation: { provider: 'libretranslate', url, apiKey: 'k-123' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid', details: [{ field: 'translation.url', message }] });
    expect(await stored()).toMatchObject({ translation: { provider: 'none' }, translation_secret_enc: null });
    expect((await settings.get(admin)).name).toBe('Fixture District');
    expect(await auditRows()).toEqual([]);
  });

  it('accepts a host the operator allowed, over plain http', async () => {
    await expect(settings.update(admin, { translation: { provider: 'libretranslate', url: 'http://libretranslate:5000' } })).resolves.toMatchObject({
      translation: { url: 'http://libretranslate:5000' },
    });
  });

  it('audits a secret change by name, never by value', async () => {
    await settings.update(admin, { sms: { authToken: 'fresh-auth-token-1234' }, translation: { apiKey: 'AIzaSy-secret-key-5678' } });
    const rows = await auditRows();
    expect(rows.map((r) => [r.action, r.data])).toEqual([
      ['settings.secret_changed', { secret: 'sms.authToken', cleared: false }],
      ['settings.secret_changed', { secret: 'translation.apiKey', cleared: false }],
    ]);
    const everything = JSON.stringify(
      await spec.db.txFor(fixture.tenantId, (m) => m.query(`select * from audit_log where tenant_id = $1`, [fixture.tenantId])),
    );
    expect(everything).not.toContain('fresh-auth-token');
    expect(everything).not.toContain('AIzaSy');
    const row = await stored();
    expect(row.sms_auth_token_enc).not.toContain('fresh-auth-token');
    expect(new SecretBox(TEST_SECRETS_KEY).open(row.translation_secret_enc)).toBe('AIzaSy-secret-key-5678');
  });

  it('writes no settings.updated entry when nothing changed', async () => {
    await settings.update(admin, { timezone: 'America/Chicago', quietHours: { start: '00:00', end: '00:00' } });
    expect(await auditRows()).toEqual([]);
    await settings.update(admin, { timezone: 'America/Denver', quietHours: { start: '08:00', end: '00:00' } });
    expect((await auditRows()).map((r) => r.data)).toEqual([
      {
        changed: ['quietHours.start', 'timezone'],
        before: { 'quietHours.start': '00:00', timezone: 'America/Chicago' },
        after: { 'quietHours.start': '08:00', timezone: 'America/Denver' },
      },
    ]);
  });

  it('lets only a district admin change settings', async () => {
    await expect(settings.update({ ...admin, role: 'school_admin' }, { name: 'Mine now' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await auditRows()).toEqual([]);
  });
});
