import { randomHex, TenantFixture, useIntegration } from '@porchlight/testing';
import { staffToken, startApi } from '../testing/records-spec-helpers';

/** The fields of `GET`/`PATCH /api/v1/settings` answers these specs read (a 400 carries `details`). */
interface SettingsAnswer {
  retention?: { messageBodyDays: number | null };
  details?: { field: string }[];
}

describe('retention.messageBodyDays in GET/PATCH /api/v1/settings (API in-process, Postgres)', () => {
  const spec = useIntegration('retention-settings', { redis: false });
  let a: TenantFixture;
  let api: Awaited<ReturnType<typeof startApi>>;
  let admin: string;

  beforeAll(async () => {
    a = spec.fixture;
    api = await startApi(`spec-retention-settings-${randomHex(4)}`);
    admin = (await staffToken(spec.db, a, 'district_admin', a.adminId)).token;
  });

  spec.onTeardown(() => api?.stop());

  const call = async (method: string, body?: unknown, token = admin) => {
    const response = await fetch(`${api.base}/api/v1/settings`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as SettingsAnswer };
  };

  it('keeps texts forever until a district sets a window, then takes it back with null; every change audited', async () => {
    expect((await call('GET')).body.retention).toEqual({ messageBodyDays: null });
    const set = await call('PATCH', { retention: { messageBodyDays: 365 } });
    expect(set.status).toBe(200);
    expect(set.body.retention).toEqual({ messageBodyDays: 365 });
    expect((await call('GET')).body.retention).toEqual({ messageBodyDays: 365 });
    expect((await call('PATCH', { retention: { messageBodyDays: null } })).body.retention).toEqual({ messageBodyDays: null });
    const entries = await spec.db.txFor(a.tenantId, (m) => m.query(`select data from audit_log where action = 'settings.updated' order by id`));
    expect(entries.map((e: { data: unknown }) => e.data)).toEqual([
      { changed: ['retention.messageBodyDays'], before: { 'retention.messageBodyDays': null }, after: { 'retention.messageBodyDays': 365 } },
      { changed: ['retention.messageBodyDays'], before: { 'retention.messageBodyDays': 365 }, after: { 'retention.messageBodyDays': null } },
    ]);
  });

  it('refuses a window under 7 days, a fraction, a string and unknown fields with a 400 naming the field, changing nothing', async () => {
    for (const bad of [
      { messageBodyDays: 3 },
      { messageBodyDays: 0 },
      { messageBodyDays: 30.5 },
      { messageBodyDays: '30' },
      { messageBodyDays: 40000 },
      { keepForever: true },
    ]) {
      const response = await call('PATCH', { retention: bad });
      expect(response.status).toBe(400);
      expect((response.body.details ?? []).map((d) => d.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^retention\./)]));
    }
    expect((await call('GET')).body.retention).toEqual({ messageBodyDays: null });
  });

  it('is a district admin setting', async () => {
    const { token } = await staffToken(spec.db, a, 'school_admin');
    expect((await call('PATCH', { retention: { messageBodyDays: 30 } }, token)).status).toBe(403);
    expect((await call('GET')).body.retention).toEqual({ messageBodyDays: null });
  });

  it('is described in the OpenAPI document', async () => {
    const docs = (await (await fetch(`${api.base}/api/docs-json`)).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(docs.components.schemas.UpdateSettingsDto.properties.retention).toBeDefined();
    expect(docs.components.schemas.RetentionSettingsDto.properties.messageBodyDays).toMatchObject({ minimum: 7, nullable: true });
  });
});
