import { ContactRecord } from '@porchlight/records';
import { randomHex, TenantFixture, useIntegration } from '@porchlight/testing';
import { expectDocumentedKeys, Household, OpenApiDocument, seedHousehold, staffToken, startApi } from '../testing/records-spec-helpers';

describe("GET /api/v1/contacts/:id/export: one family member's record (API in-process, Postgres and Redis)", () => {
  const spec = useIntegration('contact-record', { poolSize: 3, extraTenants: 1, redis: false });
  let a: TenantFixture;
  let b: TenantFixture;
  let home: Household;
  let elsewhere: Household;
  let api: Awaited<ReturnType<typeof startApi>>;
  let adminToken: string;

  beforeAll(async () => {
    [a, b] = [spec.fixture, spec.tenants[0]];
    // The same phone numbers in another district: none of its texts may appear.
    home = await seedHousehold(spec.db, a, '+16175550161', '+16175550162', 'Alpha');
    elsewhere = await seedHousehold(spec.db, b, '+16175550161', '+16175550162', 'Bravo');
    api = await startApi(`spec-records-${randomHex(4)}`);
    adminToken = (await staffToken(spec.db, a, 'district_admin', a.adminId)).token;
  });

  spec.onTeardown(() => api?.stop());

  const get = (path: string, token = adminToken) => fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it("holds exactly the person's data: profile, child, phone, consent, both directions of texts, conversation, audit", async () => {
    const response = await get(`/api/v1/contacts/${home.contactId}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="contact-${home.contactId}.json"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const record = JSON.parse(text) as ContactRecord;

    expect(record.contact).toMatchObject({
      id: home.contactId,
      givenName: 'Maria',
      familyName: 'Alpha-Parent',
      phone: '+16175550161',
      email: 'maria@alpha.test',
      language: 'es',
    });
    expect(record.students).toEqual([
      { id: home.studentId, givenName: 'Ana', familyName: 'Alpha-Kid', grade: '04', sourcedId: null, school: { id: home.schoolId, name: 'Alpha Elementary' } },
    ]);
    expect(record.phones).toEqual([{ phone: '+16175550161', current: true, optedOut: false, optedOutAt: null, invalidReason: null, sharedWithOthers: 1 }]);
    expect(record.consentEvents.map((e) => [e.phone, e.action])).toEqual([
      ['+16175550161', 'opt_out'],
      ['+16175550161', 'opt_in'],
    ]);
    expect(record.conversations.map((c) => c.id)).toEqual([home.conversationId]);

    expect(record.messages.map((msg) => msg.id).sort()).toEqual([home.noticeMessageId, home.replyId].sort());
    const notice = record.messages.find((msg) => msg.id === home.noticeMessageId);
    expect(notice).toMatchObject({
      direction: 'outbound',
      kind: 'notice',
      noticeTitle: 'Picture day',
      body: 'Alpha el día de fotos es el viernes',
      language: 'es',
      status: 'delivered',
      conversationId: home.conversationId,
      alsoForOthers: true,
    });
    const reply = record.messages.find((msg) => msg.id === home.replyId);
    expect(reply).toMatchObject({
      direction: 'inbound',
      body: 'Alpha gracias, allí estaremos',
      translatedBody: 'Alpha thanks, we will be there',
      translatedLanguage: 'en',
    });

    const actions = record.audit.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['contact.updated', 'contact.exported']));
    expect(record.audit.every((entry) => entry.subjectId === home.contactId)).toBe(true);

    // Nothing of the other guardian on the phone, the other family or the other district.
    for (const foreign of [
      home.sharingContactId,
      'Rosa',
      'Alpha-Grandma',
      'Leo',
      home.otherContactId,
      'Otto',
      '+16175550162',
      'neighbour',
      b.tenantId,
      elsewhere.contactId,
      'Bravo',
    ]) {
      expect(text).not.toContain(foreign);
    }
  });

  it('is written to the audit log as contact.exported', async () => {
    const before = await spec.db.txFor(a.tenantId, (m) =>
      m.query(`select count(*)::int as n from audit_log where action = 'contact.exported' and subject_id = $1`, [home.otherContactId]),
    );
    expect((await get(`/api/v1/contacts/${home.otherContactId}/export`)).status).toBe(200);
    const [entry] = await spec.db.txFor(a.tenantId, (m) =>
      m.query(`select actor_user_id, count(*) over ()::int as n from audit_log where action = 'contact.exported' and subject_id = $1`, [home.otherContactId]),
    );
    expect(entry).toEqual({ actor_user_id: a.adminId, n: before[0].n + 1 });
  });

  it('is for district admins only: 403 for other roles, before anything is read or audited', async () => {
    for (const role of ['school_admin', 'staff', 'liaison'] as const) {
      const { token } = await staffToken(spec.db, a, role);
      const response = await get(`/api/v1/contacts/${home.contactId}/export`, token);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('Maria');
    }
  });

  it("answers 404 for another district's contact, an unknown id, an erased person and a malformed id", async () => {
    expect((await get(`/api/v1/contacts/${elsewhere.contactId}/export`)).status).toBe(404);
    expect((await get(`/api/v1/contacts/00000000-0000-4000-8000-000000000000/export`)).status).toBe(404);
    expect((await get(`/api/v1/contacts/not-a-uuid/export`)).status).toBe(404);
    const [erased] = await spec.db.txFor(a.tenantId, (m) =>
      m.query(`insert into contacts (tenant_id, language, erased_at) values ($1, 'en', now()) returning id`, [a.tenantId]),
    );
    expect((await get(`/api/v1/contacts/${erased.id}/export`)).status).toBe(404);
  });

  it('shows a text removed under the retention policy as removed, not as an empty string', async () => {
    await spec.db.txFor(a.tenantId, (m) =>
      m.query(`update messages set body = '', translated_body = '', body_erased_at = now(), body_erased_by = 'retention' where id = $1`, [home.replyId]),
    );
    const record = (await (await get(`/api/v1/contacts/${home.contactId}/export`)).json()) as ContactRecord;
    const reply = record.messages.find((msg) => msg.id === home.replyId);
    expect(reply?.body).toBeNull();
    expect(reply?.translatedBody).toBeUndefined();
    expect(reply).toMatchObject({
      translatedLanguage: 'en',
      status: 'received',
      bodyRemoved: { reason: 'retention', note: 'removed under the retention policy' },
    });
  });

  it('is described in the OpenAPI document', async () => {
    const docs = (await (await fetch(`${api.base}/api/docs-json`)).json()) as OpenApiDocument;
    expect(Object.keys(docs.paths['/api/v1/contacts/{id}/export'])).toEqual(['get']);
    expect(docs.paths['/api/v1/contacts/{id}/export'].get.responses['403']).toBeDefined();
    // The answer has the documented shape, nested rows included.
    const record = (await (await get(`/api/v1/contacts/${home.contactId}/export`)).json()) as ContactRecord;
    expectDocumentedKeys(docs, 'ContactRecordResponse', record);
    expectDocumentedKeys(docs, 'RecordContactResponse', record.contact);
    expectDocumentedKeys(docs, 'RecordStudentResponse', record.students[0]);
    expectDocumentedKeys(docs, 'RecordPhoneResponse', record.phones[0]);
    expectDocumentedKeys(docs, 'RecordConsentEventResponse', record.consentEvents[0]);
    for (const conversation of record.conversations) expectDocumentedKeys(docs, 'RecordConversationResponse', conversation);
    for (const message of record.messages) expectDocumentedKeys(docs, 'RecordMessageResponse', message);
    for (const entry of record.audit) expectDocumentedKeys(docs, 'RecordAuditEntryResponse', entry);
  });
});
