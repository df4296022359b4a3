import { InProcessApi, randomHex, startInProcessApi } from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

jest.setTimeout(60_000);

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { schema?: { $ref?: string; type?: string } } } }> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; allOf?: unknown[] }> };
}

/** Each route the portal is built on documents its success response with a schema, so a typed client can be generated from `/api/docs-json`. */
describe('OpenAPI response schemas (HTTP)', () => {
  let api: InProcessApi;
  let docs: OpenApi;

  beforeAll(async () => {
    api = await startInProcessApi(createApiApp, { prefix: `spec-openapi-${randomHex(4)}` });
    docs = (await (await fetch(`${api.url}/api/docs-json`)).json()) as OpenApi;
  });

  afterAll(async () => {
    await api?.close();
  });

  const ROUTES: [string, string, string, string][] = [
    ['get', '/api/v1/notices', '200', 'NoticePageResponse'],
    ['post', '/api/v1/notices', '201', 'NoticeResponse'],
    ['get', '/api/v1/notices/{id}', '200', 'NoticeResponse'],
    ['get', '/api/v1/notices/{id}/preview', '200', 'NoticePreviewResponse'],
    ['put', '/api/v1/notices/{id}/translations/{language}', '200', 'NoticeTranslationResponse'],
    ['post', '/api/v1/notices/{id}/translations/{language}/approve', '200', 'NoticeTranslationResponse'],
    ['post', '/api/v1/notices/{id}/send', '202', 'NoticeResponse'],
    ['post', '/api/v1/notices/{id}/cancel', '200', 'NoticeResponse'],
    ['get', '/api/v1/notices/{id}/replies', '200', 'NoticeReplyPageResponse'],
    ['get', '/api/v1/notices/{id}/messages', '200', 'NoticeMessagePageResponse'],
    ['get', '/api/v1/sections', '200', 'SectionPageResponse'],
    ['get', '/api/v1/conversations', '200', 'ConversationPageResponse'],
    ['get', '/api/v1/conversations/{id}', '200', 'ConversationResponse'],
    ['post', '/api/v1/conversations/{id}/assign', '200', 'ConversationSummaryResponse'],
    ['post', '/api/v1/conversations/{id}/messages', '201', 'ConversationMessageResponse'],
    ['get', '/api/v1/decisions', '200', 'DecisionPageResponse'],
    ['post', '/api/v1/decisions', '201', 'DecisionResponse'],
    ['get', '/api/v1/decisions/{id}', '200', 'DecisionDetailResponse'],
    ['patch', '/api/v1/decisions/{id}', '200', 'DecisionDetailResponse'],
    ['post', '/api/v1/decisions/{id}/inputs', '201', 'DecisionInputResponse'],
    ['post', '/api/v1/decisions/{id}/close-the-loop', '201', 'NoticeResponse'],
    ['get', '/api/v1/reports/reach', '200', 'ReachReportResponse'],
    ['post', '/api/v1/platform/tenants', '201', 'TenantSettingsResponse'],
    ['post', '/api/v1/auth/login', '200', 'LoginResponse'],
    ['get', '/api/v1/me', '200', 'StaffUserView'],
    ['post', '/api/v1/users', '201', 'StaffUserView'],
    ['get', '/api/v1/settings', '200', 'TenantSettingsResponse'],
    ['patch', '/api/v1/settings', '200', 'TenantSettingsResponse'],
    ['post', '/api/v1/schools', '201', 'SchoolResponse'],
    ['post', '/api/v1/students', '201', 'StudentResponse'],
    ['get', '/api/v1/contacts', '200', 'ContactPageResponse'],
    ['get', '/api/v1/contacts/{id}', '200', 'ContactResponse'],
    ['patch', '/api/v1/contacts/{id}', '200', 'ContactResponse'],
    ['post', '/api/v1/imports/oneroster', '202', 'ImportStartedResponse'],
    ['get', '/api/v1/imports/{id}', '200', 'ImportResponse'],
    ['post', '/api/v1/glossary', '201', 'GlossaryEntryResponse'],
    ['post', '/api/v1/surveys', '201', 'SurveyResponse'],
    ['get', '/api/v1/surveys/{id}/preview', '200', 'SurveyPreviewResponse'],
    ['post', '/api/v1/surveys/{id}/send', '202', 'SurveyResponse'],
    ['get', '/api/v1/surveys/{id}/results', '200', 'SurveyResultsResponse'],
    ['get', '/api/v1/contacts/{id}/export', '200', 'ContactRecordResponse'],
    ['post', '/api/v1/exports', '202', 'ExportStartedResponse'],
    ['get', '/api/v1/exports/{id}', '200', 'ExportResponse'],
  ];

  /** Routes under /api/v1 that answer no JSON: 204s, CSV and zip downloads. */
  const NO_JSON = [
    'post /api/v1/auth/logout',
    'delete /api/v1/auth/session',
    'delete /api/v1/users/{id}',
    'delete /api/v1/contacts/{id}',
    'delete /api/v1/glossary/{id}',
    'get /api/v1/surveys/{id}/responses.csv',
    'get /api/v1/exports/{id}/download',
  ];

  const operations = () =>
    Object.entries(docs.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ route: `${method} ${path}`, operation })));

  it('documents a JSON schema for the success answer of every route under /api/v1 but those answering no JSON', () => {
    const undocumented = operations()
      .filter(({ route }) => !NO_JSON.includes(route))
      .filter(({ operation }) => !Object.entries(operation.responses).some(([status, r]) => status.startsWith('2') && r.content?.['application/json']?.schema))
      .map(({ route }) => route);
    expect(undocumented).toEqual([]);
    expect(NO_JSON.filter((route) => !operations().some((o) => o.route === route))).toEqual([]);
  });

  it.each(ROUTES)('%s %s answers %s with %s', (method, path, status, schema) => {
    expect(docs.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema?.$ref).toBe(`#/components/schemas/${schema}`);
    expect(docs.components.schemas[schema]).toBeDefined();
  });

  it('names the fields the portal reads', () => {
    const props = (schema: string) => Object.keys(docs.components.schemas[schema].properties ?? {});
    expect(props('NoticeStatsResponse')).toEqual(
      expect.arrayContaining(['total', 'queued', 'sending', 'delivered', 'failed', 'canceled', 'suppressed', 'byLanguage']),
    );
    expect(props('NoticeSummaryResponse')).toEqual(expect.arrayContaining(['status', 'stats', 'audienceSummary', 'languages', 'author']));
    expect(props('NoticePreviewResponse')).toEqual(expect.arrayContaining(['recipients', 'suppressed', 'translations', 'estimatedSegments', 'quietHours']));
    expect(props('NoticeTranslationResponse')).toEqual(expect.arrayContaining(['origin', 'status', 'segments', 'encoding', 'fallback', 'machineError']));
    expect(props('NoticeMessageResponse')).toEqual(expect.arrayContaining(['status', 'sendAfter', 'errorCode']));
    expect(props('QuietHoursEffectResponse')).toEqual(['waiting', 'waits', 'overridden']);
    expect(props('ConversationMessageResponse')).toEqual(expect.arrayContaining(['untranslated', 'translatedBody']));
    expect(props('ConversationSummaryResponse')).toEqual(expect.arrayContaining(['assignedUserId', 'assignedManually']));
    expect(props('ReplyDto')).toEqual(['body', 'sendUntranslated']);
    expect(props('DecisionDetailResponse')).toEqual(expect.arrayContaining(['status', 'outcome', 'rationale', 'loop', 'inputs']));
    expect(props('DecisionInputResponse')).toEqual(expect.arrayContaining(['kind', 'participation', 'said']));
    expect(props('ParticipationResponse')).toEqual(['asked', 'answered', 'byLanguage', 'bySchool']);
    expect(props('ConversationListItemResponse')).toEqual(expect.arrayContaining(['contact', 'unreadCount', 'lastMessage']));
    expect(props('ConversationLastMessageResponse')).toEqual(['direction', 'body', 'createdAt']);
    expect(props('StaffUserView')).toEqual(expect.arrayContaining(['role', 'schoolIds', 'active']));
    expect(props('TenantSettingsResponse')).toEqual(expect.arrayContaining(['languages', 'quietHours', 'sms', 'translation', 'retention']));
    expect(props('SmsSettingsResponse')).toEqual(expect.arrayContaining(['status', 'statusMessage']));
    expect(props('ContactResponse')).toEqual(expect.arrayContaining(['phone', 'language', 'languageSource', 'consent', 'studentIds', 'optedOut']));
    expect(props('ImportResponse')).toEqual(expect.arrayContaining(['status', 'counts', 'errors', 'warnings', 'progress']));
    expect(props('SurveyResponse')).toEqual(expect.arrayContaining(['status', 'questions', 'stats']));
  });

  it('lists the array answers as arrays of their rows', () => {
    const items = (method: string, path: string) => docs.paths[path][method].responses['200'].content?.['application/json']?.schema;
    expect(items('get', '/api/v1/users')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/StaffUserView' } });
    expect(items('get', '/api/v1/schools')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/SchoolResponse' } });
    expect(items('get', '/api/v1/surveys')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/SurveyResponse' } });
    expect(items('get', '/api/v1/glossary')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/GlossaryEntryResponse' } });
    expect(items('get', '/api/v1/templates')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/TemplateSummaryResponse' } });
  });
});
