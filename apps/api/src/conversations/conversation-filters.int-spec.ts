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
  Viewer,
  VIEWER_NAMES,
} from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

type Family = 'northEn' | 'northEs' | 'southVi' | 'southEs' | 'both';
interface ThreadRow {
  id: string;
  phone: string;
  assignedUserId: string | null;
}
interface AssigneeRow {
  id: string;
  name: string | null;
  role: string;
}

/** A family in another district: its thread must never show here. */
const ELSEWHERE_PHONE = '+16175550799';

/**
 * The inbox's filters (mine, my school's, unassigned, unread, one family) and whom a thread can be
 * handed to, through the API in-process (Postgres as the application role, RLS on): each filter
 * narrows within the caller's families, never beyond them, and another district stays invisible.
 */
describe('Conversation filters and assignees: mine, my school, unassigned, one family (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('conversation-filters', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  let elsewhere: { token: string; adminId: string; contactId: string; threadId: string };
  const threads = new Map<string, string>();

  const as = (viewer: Viewer | string) => api.as((typeof viewer === 'string' ? d.viewer(viewer) : viewer).token);
  const thread = (family: Family) => {
    const id = threads.get(d.phones[family]);
    if (!id) throw new Error(`no thread for ${family}`);
    return id;
  };
  const phonesSeen = (viewer: Viewer) => FAMILIES_SEEN[viewer.sees].map((f) => d.phones[f]);
  const listed = async (viewer: Viewer | string, search: string): Promise<ThreadRow[]> => {
    const answer = await as(viewer).get(`/api/v1/conversations?${search}`);
    expect([search, answer.status]).toEqual([search, 200]);
    return (answer.body as { items: ThreadRow[] }).items;
  };
  const phonesOf = (rows: ThreadRow[]) => rows.map((row) => row.phone).sort();
  const threadAll = async (tenantId: string, phones: string[]) => {
    const inbound = new ProcessInboundUseCase(spec.db, spec.jobs, new SurveyConversation());
    for (const phone of phones) {
      const id = await storeInbound(spec.db, tenantId, phone, 'Is school open tomorrow?');
      await TenantContext.run({ tenantId, correlationId: 'spec' }, () => inbound.execute(id));
    }
  };

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755507' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
    await threadAll(d.fixture.tenantId, Object.values(d.phones));
    const rows: { id: string; phone: string }[] = await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`select id, phone from conversations`));
    for (const row of rows) threads.set(row.phone, row.id);
    expect(threads.size).toBe(5);
    // Each thread waits in the shared inbox of its family's school; the two-school family's in North's.
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update conversations set school_id = case when phone = any($1::text[]) then $2::uuid else $3::uuid end, assigned_user_id = null`, [
        [d.phones.northEn, d.phones.northEs, d.phones.both],
        d.schools.north,
        d.schools.south,
      ]),
    );

    const other = await createTenantFixture(spec.db);
    const { contactIds } = await addFamilies(spec.db, other.tenantId, [{ phone: ELSEWHERE_PHONE, language: 'en' }]);
    await threadAll(other.tenantId, [ELSEWHERE_PHONE]);
    const [otherThread]: { id: string }[] = await spec.db.txFor(other.tenantId, (m) => m.query(`select id from conversations`));
    const token = await new AccessTokens(TEST_SECRETS_KEY, 3600).issue({
      userId: other.adminId,
      tenantId: other.tenantId,
      role: 'district_admin',
      schoolIds: [],
      language: 'en',
    });
    elsewhere = { token, adminId: other.adminId, contactId: contactIds[0], threadId: otherThread.id };

    const assign = async (by: string, family: Family, to: string) =>
      expect((await as(by).post(`/api/v1/conversations/${thread(family)}/assign`, { userId: d.viewer(to).userId })).status).toBe(200);
    await assign('north staff', 'northEn', 'north staff');
    await assign('district admin', 'southVi', 'south staff');
    await assign('north liaison', 'both', 'south staff');
  });

  spec.onTeardown(() => api?.close());

  const FILTERS = ['', 'assigned=me', 'assigned=none', 'school=mine', 'unread=true', 'unread=false', 'assigned=none&school=mine&unread=true'];

  describe.each(VIEWER_NAMES)('%s', (name) => {
    it.each(FILTERS)('lists only threads of its own families, never another district’s, under "%s"', async (search) => {
      const viewer = d.viewer(name);
      const phones = phonesOf(await listed(viewer, search));
      for (const phone of phones) expect([search, phone, phonesSeen(viewer).includes(phone)]).toEqual([search, phone, true]);
      expect(phones).not.toContain(ELSEWHERE_PHONE);
      for (const school of [d.schools.north, d.schools.south]) {
        const narrowed = phonesOf(await listed(viewer, `${search}&schoolId=${school}`));
        for (const phone of narrowed) expect(phonesSeen(viewer)).toContain(phone);
      }
    });
  });

  it('Mine: the threads assigned to the caller', async () => {
    expect(phonesOf(await listed('north staff', 'assigned=me'))).toEqual([d.phones.northEn]);
    expect(phonesOf(await listed('south staff', 'assigned=me'))).toEqual([d.phones.southVi, d.phones.both].sort());
    expect(await listed('district admin', 'assigned=me')).toEqual([]);
  });

  it('Unassigned: the threads nobody holds, of the caller’s families', async () => {
    expect(phonesOf(await listed('north staff', 'assigned=none'))).toEqual([d.phones.northEs]);
    expect(phonesOf(await listed('south staff', 'assigned=none'))).toEqual([d.phones.southEs]);
    expect(phonesOf(await listed('district admin', 'assigned=none'))).toEqual([d.phones.northEs, d.phones.southEs].sort());
  });

  it('My school’s: the threads held for the caller’s own schools; a district admin has none', async () => {
    expect(phonesOf(await listed('north liaison', 'school=mine'))).toEqual([d.phones.northEn, d.phones.northEs, d.phones.both].sort());
    // South sees the two-school family, but its thread is held for North.
    expect(phonesOf(await listed('south staff', 'school=mine'))).toEqual([d.phones.southVi, d.phones.southEs].sort());
    expect(phonesOf(await listed('south staff', 'school=mine&assigned=none'))).toEqual([d.phones.southEs]);
    expect(await listed('district admin', 'school=mine')).toEqual([]);
    expect(await listed('staff without schools', 'school=mine')).toEqual([]);
  });

  it('One family: the thread of a family member’s phone, when the caller sees them', async () => {
    expect((await listed('north staff', `contactId=${d.contacts.northEs}`)).map((row) => row.id)).toEqual([thread('northEs')]);
    expect(await listed('north staff', `contactId=${d.contacts.southVi}`)).toEqual([]);
    expect(await listed('district admin', `contactId=${elsewhere.contactId}`)).toEqual([]);
  });

  it('answers 400 for a filter it does not know, naming it', async () => {
    for (const search of ['assigned=you', 'school=theirs', 'contactId=nope', 'unread=maybe']) {
      const answer = await as('north staff').get(`/api/v1/conversations?${search}`);
      expect([search, answer.status]).toEqual([search, 400]);
      expect((answer.body as { details: { field: string }[] }).details.map((p) => p.field)).toEqual([search.split('=')[0]]);
    }
  });

  it('offers to hand a thread only to active staff who see the family', async () => {
    const names = async (viewer: string, family: Family) => {
      const answer = await as(viewer).get(`/api/v1/conversations/${thread(family)}/assignees`);
      expect(answer.status).toBe(200);
      return (answer.body as AssigneeRow[]).map((row) => row.name ?? row.role).sort();
    };
    const north = ['district_admin', 'north liaison', 'north school admin', 'north staff'].sort();
    expect(await names('north staff', 'northEn')).toEqual(north);
    expect(await names('district admin', 'both')).toEqual([...north, 'south staff'].sort());
    expect(await names('south staff', 'southEs')).toEqual(['district_admin', 'south staff']);
  });

  it('answers 404 for another district’s thread or staff member, and for a thread of another school', async () => {
    expect((await as('district admin').get(`/api/v1/conversations/${elsewhere.threadId}/assignees`)).status).toBe(404);
    expect((await as('district admin').post(`/api/v1/conversations/${elsewhere.threadId}/assign`, { userId: null })).status).toBe(404);
    const foreignUser = await as('district admin').post(`/api/v1/conversations/${thread('northEs')}/assign`, { userId: elsewhere.adminId });
    expect(foreignUser.status).toBe(404);
    expect((await as('south staff').get(`/api/v1/conversations/${thread('northEs')}/assignees`)).status).toBe(404);
    const theirs = await api.as(elsewhere.token).get(`/api/v1/conversations/${thread('northEs')}/assignees`);
    expect(theirs.status).toBe(404);
    const theirList = await api.as(elsewhere.token).get('/api/v1/conversations?assigned=none');
    expect((theirList.body as { items: ThreadRow[] }).items.map((row) => row.phone)).toEqual([ELSEWHERE_PHONE]);
  });
});
