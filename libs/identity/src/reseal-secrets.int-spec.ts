import { loadEnv, ResealEnv } from '@porchlight/config';
import { createDataSource, setupDatabase, TenantDb } from '@porchlight/database';
import { createTenantFixture, databaseUrlFor, randomHex, TEST_ADMIN_URL, TEST_SECRETS_KEY, TenantFixture } from '@porchlight/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { resealCommand } from './reseal-secrets';
import { SecretBox } from './secret-box';

const OLD_KEY = TEST_SECRETS_KEY;
const NEW_KEY = 'new-secrets-key-abcdefghijklmnopqrstuvwxyz0123';
const STRANGER_KEY = 'some-other-key-abcdefghijklmnopqrstuvwxyz0123';

/**
 * `npm run secrets:reseal` on a database of its own (it walks every tenant, so it must not meet
 * other specs' tenants), as the application role, the way an operator runs it mid-rotation.
 */
describe('secrets:reseal (Postgres)', () => {
  const database = `porchlight_reseal_${randomHex(4)}`;
  const databaseUrl = databaseUrlFor(database);
  let dataSource: DataSource;
  let db: TenantDb;
  let a: TenantFixture;
  let b: TenantFixture;
  let c: TenantFixture;

  beforeAll(async () => {
    await setupDatabase({ databaseUrl, adminUrl: TEST_ADMIN_URL });
    dataSource = await createDataSource({ url: databaseUrl, applicationName: 'reseal-spec', poolSize: 2 }).initialize();
    db = new TenantDb(dataSource);
    // Fixtures seal their SMS tokens with the old key (TEST_SECRETS_KEY).
    [a, b, c] = [await createTenantFixture(db), await createTenantFixture(db), await createTenantFixture(db)];
    const set = (t: TenantFixture, column: string, value: string) =>
      db.txFor(t.tenantId, (m) => m.query(`update tenants set ${column} = $2 where id = $1`, [t.tenantId, value]));
    await set(a, 'translation_secret_enc', new SecretBox(OLD_KEY).seal('deepl-key-of-a:fx'));
    await set(c, 'sms_auth_token_enc', new SecretBox(NEW_KEY).seal(c.authToken));
    await set(c, 'translation_secret_enc', new SecretBox(STRANGER_KEY).seal('lost-key-of-c'));
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    const admin = new Client({ connectionString: TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists "${database}" with (force)`).finally(() => admin.end());
  });

  const sealed = async (t: TenantFixture) =>
    (await db.txFor(t.tenantId, (m) => m.query(`select sms_auth_token_enc, translation_secret_enc, slug from tenants where id = $1`, [t.tenantId])))[0] as {
      sms_auth_token_enc: string;
      translation_secret_enc: string | null;
      slug: string;
    };
  const run = async (env: Record<string, string>) => {
    const lines: string[] = [];
    const code = await resealCommand(loadEnv(ResealEnv, { DATABASE_URL: databaseUrl, ...env }), (line) => lines.push(line));
    return { code, lines };
  };

  it('reseals what the previous key sealed, tenant by tenant, prints counts and never a secret', async () => {
    const { code, lines } = await run({ SECRETS_KEY: NEW_KEY, SECRETS_KEY_PREVIOUS: OLD_KEY });
    expect(lines).toEqual([
      '3 tenants',
      'SMS auth tokens: 2 resealed, 1 already current, 0 unset, 0 unreadable',
      'translation API keys: 1 resealed, 0 already current, 1 unset, 1 unreadable',
      `unreadable with either key, left as they were (is SECRETS_KEY_PREVIOUS the key they were sealed with?): ${(await sealed(c)).slug}`,
    ]);
    expect(code).toBe(1);

    const fresh = new SecretBox(NEW_KEY);
    for (const t of [a, b, c]) expect(fresh.open((await sealed(t)).sms_auth_token_enc)).toBe(t.authToken);
    expect(fresh.open((await sealed(a)).translation_secret_enc!)).toBe('deepl-key-of-a:fx');
    expect(new SecretBox(STRANGER_KEY).open((await sealed(c)).translation_secret_enc!)).toBe('lost-key-of-c');

    const printed = lines.join('\n');
    for (const t of [a, b, c]) {
      expect(printed).not.toContain(t.authToken);
      expect(printed).not.toContain((await sealed(t)).sms_auth_token_enc);
    }
    for (const secret of ['deepl-key-of-a', 'lost-key-of-c', OLD_KEY, NEW_KEY]) expect(printed).not.toContain(secret);

    const audited = await db.txFor(a.tenantId, (m) => m.query(`select data from audit_log where tenant_id = $1 and action = 'secrets.resealed'`, [a.tenantId]));
    expect(audited).toEqual([{ data: { secrets: ['SMS auth token', 'translation API key'] } }]);
  });

  it('changes nothing when run again', async () => {
    const before = await Promise.all([a, b, c].map(sealed));
    const { lines } = await run({ SECRETS_KEY: NEW_KEY, SECRETS_KEY_PREVIOUS: OLD_KEY });
    expect(lines.slice(1, 3)).toEqual([
      'SMS auth tokens: 0 resealed, 3 already current, 0 unset, 0 unreadable',
      'translation API keys: 0 resealed, 1 already current, 1 unset, 1 unreadable',
    ]);
    expect(await Promise.all([a, b, c].map(sealed))).toEqual(before);
  });

  it('without a previous key, checks that the current key opens every secret', async () => {
    const { code, lines } = await run({ SECRETS_KEY: OLD_KEY });
    expect(lines[0]).toBe('SECRETS_KEY_PREVIOUS is not set: checking that SECRETS_KEY opens every secret');
    expect(lines[2]).toBe('SMS auth tokens: 0 resealed, 0 already current, 0 unset, 3 unreadable');
    expect(code).toBe(1);
  });
});
