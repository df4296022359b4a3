import { SurveyConversation } from '@porchlight/engagement';
import { AccessTokens } from '@porchlight/identity';
import { ProcessInboundUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import {
  addFamilies,
  createTenantFixture,
  createTwoSchoolDistrict,
  FAMILIES_SEEN,
  InProcessApi,
  startInProcessApi,
  storeInbound,
  TEST_SECRETS_KEY,
  TwoSchoolDistrict,
  useIntegration,
  VIEWER_NAMES,
} from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

type Family = 'northEn' | 'northEs' | 'southVi' | 'southEs' | 'both';
interface ConsentAnswer {
  phone: string | null;
  optedOut: boolean;
  items: { action: string; source: string; keyword: string | null; messageId: string | null; createdAt: string }[];
}

/**
 * A family member's page: the consent history of their phone (what STOP and START wrote to the
 * ledger) and their children, each read within the caller's families only (API in-process,
 * Postgres as the application role, RLS on).
 */
describe('A family member’s consent history and children, within the caller’s schools (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('contact-consent', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let elsewhere: { token: string; contactId: string };
  const as = (viewer: string) => api.as(d.viewer(viewer).token);

  const text = async (tenantId: string, phone: string, body: string) => {
    const inbound = new ProcessInboundUseCase(spec.db, spec.jobs, new SurveyConversation());
    const id = await storeInbound(spec.db, tenantId, phone, body);
    await TenantContext.run({ tenantId, correlationId: 'spec' }, () => inbound.execute(id));
  };

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755508' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
    await text(d.fixture.tenantId, d.phones.northEs, 'Stop');
    await text(d.fixture.tenantId, d.phones.northEs, 'START');
    await text(d.fixture.tenantId, d.phones.southVi, 'STOP');
    const other = await createTenantFixture(spec.db);
    const { contactIds } = await addFamilies(spec.db, other.tenantId, [{ phone: d.phones.northEs, language: 'es' }]);
    await text(other.tenantId, d.phones.northEs, 'STOP');
    const token = await new AccessTokens(TEST_SECRETS_KEY, 3600).issue({
      userId: other.adminId,
      tenantId: other.tenantId,
      role: 'district_admin',
      schoolIds: [],
      language: 'en',
    });
    elsewhere = { token, contactId: contactIds[0] };
  });

  spec.onTeardown(() => api?.close());

  it('lists each opt-out and opt-in of the phone, oldest first, with the keyword texted and how it came', async () => {
    const answer = await as('north liaison').get(`/api/v1/contacts/${d.contacts.northEs}/consent`);
    expect(answer.status).toBe(200);
    const body = answer.body as ConsentAnswer;
    expect(body).toMatchObject({ phone: d.phones.northEs, optedOut: false });
    expect(body.items.map((e) => [e.action, e.source, e.keyword])).toEqual([
      ['opt_out', 'keyword', 'Stop'],
      ['opt_in', 'keyword', 'START'],
    ]);
    expect(body.items.every((e) => e.messageId !== null && !Number.isNaN(Date.parse(e.createdAt)))).toBe(true);
    const stopped = (await as('south staff').get(`/api/v1/contacts/${d.contacts.southVi}/consent`)).body as ConsentAnswer;
    expect(stopped.optedOut).toBe(true);
    expect(stopped.items.map((e) => [e.action, e.keyword])).toEqual([['opt_out', 'STOP']]);
    expect(((await as('north staff').get(`/api/v1/contacts/${d.contacts.northEn}/consent`)).body as ConsentAnswer).items).toEqual([]);
  });

  it.each(VIEWER_NAMES)('%s reads the history of its own families only; any other is 404', async (name) => {
    const viewer = d.viewer(name);
    for (const family of Object.keys(d.contacts) as Family[]) {
      const answer = await as(name).get(`/api/v1/contacts/${d.contacts[family]}/consent`);
      expect([family, answer.status]).toEqual([family, FAMILIES_SEEN[viewer.sees].includes(family) ? 200 : 404]);
      if (answer.status === 404) expect(JSON.stringify(answer.body)).not.toContain(d.phones[family]);
    }
  });

  it('answers 404 for another district’s family member, a district reading ours, and ids that are not ids', async () => {
    expect((await as('district admin').get(`/api/v1/contacts/${elsewhere.contactId}/consent`)).status).toBe(404);
    expect((await api.as(elsewhere.token).get(`/api/v1/contacts/${d.contacts.northEs}/consent`)).status).toBe(404);
    // The same number in the other district keeps its own ledger.
    const theirs = (await api.as(elsewhere.token).get(`/api/v1/contacts/${elsewhere.contactId}/consent`)).body as ConsentAnswer;
    expect(theirs.items.map((e) => e.action)).toEqual(['opt_out']);
    expect((await as('district admin').get('/api/v1/contacts/not-a-uuid/consent')).status).toBe(404);
  });

  it('lists a family member’s children the caller sees, and says where the phone came from', async () => {
    const children = async (viewer: string, family: Family) =>
      ((await as(viewer).get(`/api/v1/students?contactId=${d.contacts[family]}`)).body as { id: string }[]).map((s) => s.id).sort();
    expect(await children('district admin', 'both')).toEqual([d.students.bothNorth, d.students.bothSouth].sort());
    expect(await children('north staff', 'both')).toEqual([d.students.bothNorth]);
    expect(await children('south staff', 'northEn')).toEqual([]);
    expect((await as('district admin').get(`/api/v1/students?contactId=${elsewhere.contactId}`)).body).toEqual([]);
    expect((await as('north staff').get(`/api/v1/contacts/${d.contacts.northEn}`)).body).toMatchObject({ phoneSource: 'roster' });
  });

  it('edits the phone: a bad one is a 400 naming the phone, a good one is kept in E.164 as set by staff', async () => {
    const bad = await as('north staff').patch(`/api/v1/contacts/${d.contacts.northEn}`, { phone: '12' });
    expect(bad.status).toBe(400);
    expect((bad.body as { details: { field: string }[] }).details.map((p) => p.field)).toEqual(['phone']);
    const good = await as('north staff').patch(`/api/v1/contacts/${d.contacts.northEn}`, { phone: '(617) 555-0891', language: 'pt' });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ phone: '+16175550891', phoneSource: 'staff', language: 'pt', languageSource: 'staff' });
  });
});
