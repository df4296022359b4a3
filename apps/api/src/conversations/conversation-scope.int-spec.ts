import { SurveyConversation } from '@porchlight/engagement';
import { ProcessInboundUseCase } from '@porchlight/messaging';
import { TenantContext } from '@porchlight/tenancy';
import {
  createTwoSchoolDistrict,
  FAMILIES_SEEN,
  InProcessApi,
  startInProcessApi,
  storeInbound,
  TwoSchoolDistrict,
  Viewer,
  VIEWER_NAMES,
  useIntegration,
} from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

type Family = 'northEn' | 'northEs' | 'southVi' | 'southEs' | 'both';
/** A phone no family member has: its thread is the district admin's alone. */
const STRANGER = '+16175550599';

/**
 * School scope on conversations, through the API in-process (Postgres as the application role, RLS
 * on): each family's thread (threaded by the delivery app's inbound step, run in-process) is
 * visible to the roles that see the family, and nowhere else.
 */
describe('Conversation school scope: which threads each role reads, answers and hands on (HTTP, Postgres, Redis)', () => {
  const spec = useIntegration('conversation-scope', { poolSize: 3, tenant: false });
  let api: InProcessApi;
  let d: TwoSchoolDistrict;
  const threads = new Map<string, string>();

  const as = (viewer: Viewer | string) => api.as((typeof viewer === 'string' ? d.viewer(viewer) : viewer).token);
  const phonesSeen = (viewer: Viewer) => [...FAMILIES_SEEN[viewer.sees].map((f) => d.phones[f]), ...(viewer.sees === 'district' ? [STRANGER] : [])].sort();
  const thread = (family: Family | 'stranger') => threads.get(family === 'stranger' ? STRANGER : d.phones[family])!;

  beforeAll(async () => {
    d = await createTwoSchoolDistrict(spec.db, { phonePrefix: '+161755505' });
    api = await startInProcessApi(createApiApp, { prefix: spec.prefix });
    const inbound = new ProcessInboundUseCase(spec.db, spec.jobs, new SurveyConversation());
    for (const phone of [...Object.values(d.phones), STRANGER]) {
      const id = await storeInbound(spec.db, d.fixture.tenantId, phone, 'When is the field trip?');
      await TenantContext.run({ tenantId: d.fixture.tenantId, correlationId: 'spec' }, () => inbound.execute(id));
    }
    const rows = await spec.db.txFor(d.fixture.tenantId, (m) => m.query(`select id, phone from conversations`));
    for (const row of rows) threads.set(row.phone, row.id);
    expect(threads.size).toBe(6);
  });

  spec.onTeardown(() => api?.close());

  describe.each(VIEWER_NAMES)('%s', (name) => {
    let viewer: Viewer;
    beforeAll(() => {
      viewer = d.viewer(name);
    });

    it('lists exactly the threads of its families, and narrows to a school within them', async () => {
      const listed = await as(viewer).get('/api/v1/conversations');
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((c: any) => c.phone).sort()).toEqual(phonesSeen(viewer));
      const south = await as(viewer).get(`/api/v1/conversations?schoolId=${d.schools.south}`);
      const southPhones = FAMILIES_SEEN.south.map((f) => d.phones[f]);
      expect(south.body.items.map((c: any) => c.phone).sort()).toEqual(phonesSeen(viewer).filter((p) => southPhones.includes(p)));
    });

    it('reads, answers and hands on only the threads it sees; any other thread is 404', async () => {
      for (const [phone, id] of threads) {
        const seen = phonesSeen(viewer).includes(phone);
        const shown = await as(viewer).get(`/api/v1/conversations/${id}`);
        expect([phone, shown.status]).toEqual([phone, seen ? 200 : 404]);
        if (seen) expect(shown.body.messages.map((m: any) => m.body)).toEqual(['When is the field trip?']);
        else {
          expect(JSON.stringify(shown.body)).not.toContain(phone);
          expect([phone, (await as(viewer).post(`/api/v1/conversations/${id}/messages`, { body: 'Friday.' })).status]).toEqual([phone, 404]);
          expect([phone, (await as(viewer).post(`/api/v1/conversations/${id}/assign`, { userId: null })).status]).toEqual([phone, 404]);
        }
      }
    });
  });

  it('shows the two-school family to both schools, with its name', async () => {
    for (const viewer of ['north staff', 'south staff', 'district admin']) {
      const shown = await as(viewer).get(`/api/v1/conversations/${thread('both')}`);
      expect(shown.body.contact).toMatchObject({ id: d.contacts.both, givenName: 'Erin' });
    }
  });

  it('answers a thread of its school', async () => {
    // No engine in this district: an English answer to a Spanish-reading family goes only on the sender's word.
    expect((await as('north liaison').post(`/api/v1/conversations/${thread('northEs')}/messages`, { body: 'The trip is on Friday.' })).status).toBe(409);
    const sent = await as('north liaison').post(`/api/v1/conversations/${thread('northEs')}/messages`, {
      body: 'The trip is on Friday.',
      sendUntranslated: true,
    });
    expect(sent.status).toBe(201);
    const shown = await as('north staff').get(`/api/v1/conversations/${thread('northEs')}`);
    expect(shown.body.messages.map((m: any) => m.body)).toEqual(['When is the field trip?', 'The trip is on Friday.']);
  });

  it('lists each thread with the start of its latest message, the one just answered first', async () => {
    const listed = await as('north staff').get('/api/v1/conversations');
    const [first, ...rest] = listed.body.items;
    expect(first).toMatchObject({ id: thread('northEs'), lastMessage: { direction: 'outbound', body: 'The trip is on Friday.' } });
    expect(rest.map((c: any) => [c.lastMessage.direction, c.lastMessage.body])).toEqual(rest.map(() => ['inbound', 'When is the field trip?']));
    const times = listed.body.items.map((c: any) => c.lastMessageAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('hands a thread only to someone who sees the family (400 otherwise)', async () => {
    const refuse = async (by: string, family: Family | 'stranger', to: string) => {
      const handed = await as(by).post(`/api/v1/conversations/${thread(family)}/assign`, { userId: d.viewer(to).userId });
      expect([by, family, to, handed.status]).toEqual([by, family, to, 400]);
      expect(handed.body.details).toEqual([{ field: 'userId', message: "this staff member does not see this family's school" }]);
    };
    await refuse('north staff', 'northEn', 'south staff');
    await refuse('north staff', 'northEn', 'staff without schools');
    await refuse('district admin', 'stranger', 'north staff');
    const handed = await as('north staff').post(`/api/v1/conversations/${thread('northEn')}/assign`, { userId: d.viewer('north liaison').userId });
    expect(handed.status).toBe(200);
    expect(handed.body.assignedUserId).toBe(d.viewer('north liaison').userId);
    const both = await as('south staff').post(`/api/v1/conversations/${thread('both')}/assign`, { userId: d.viewer('north school admin').userId });
    expect(both.status).toBe(200);
  });

  it('does not show a thread assigned to a staff member once the family is no longer of their schools', async () => {
    // As when a family moves to the other school after a North teacher wrote to it.
    await spec.db.txFor(d.fixture.tenantId, (m) =>
      m.query(`update conversations set assigned_user_id = $1 where id = $2`, [d.viewer('north staff').userId, thread('southVi')]),
    );
    expect((await as('north staff').get(`/api/v1/conversations/${thread('southVi')}`)).status).toBe(404);
    const listed = await as('north staff').get('/api/v1/conversations');
    expect(listed.body.items.map((c: any) => c.phone)).not.toContain(d.phones.southVi);
  });
});
