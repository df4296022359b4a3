import { InProcessApi, randomHex, startInProcessApi } from '@porchlight/testing';
import { createApiApp } from '../bootstrap';

jest.setTimeout(60_000);

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { schema?: { $ref?: string } } } }> }>>;
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
  ];

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
  });
});
