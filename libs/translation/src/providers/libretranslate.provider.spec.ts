import { LibreTranslateProvider } from './libretranslate.provider';
import { check, fakeTranslation } from './testing/local-server';
import { describeProviderContract } from './testing/provider-contract';

const KEY = 'lt-key-0123';

describeProviderContract({
  name: 'libretranslate',
  create: (url, options) => new LibreTranslateProvider({ ...options, url, apiKey: KEY, batchSize: 25 }),
  handle: (request) => {
    check(request.method === 'POST' && request.path === '/translate', `unexpected ${request.method} ${request.path}`);
    check(String(request.headers['content-type']).startsWith('application/json'), 'body must be JSON');
    const body = JSON.parse(request.body);
    if (body.api_key !== KEY) return { status: 403, body: { error: 'Invalid API key' } };
    check(body.format === 'text', 'format must be "text"');
    check(typeof body.source === 'string' && typeof body.target === 'string', 'source and target are required');
    check(Array.isArray(body.q) && body.q.every((q: unknown) => typeof q === 'string'), 'q must be an array of strings');
    return { status: 200, body: { translatedText: body.q.map((q: string) => fakeTranslation(q, body.target)) } };
  },
  sent: (request) => {
    const body = JSON.parse(request.body);
    return { texts: body.q, source: body.source, target: body.target };
  },
  errors: {
    rateLimited: { status: 429, body: { error: 'Too many request limits violations' } },
    badKey: { status: 403, body: { error: 'Invalid API key' } },
    serverError: { status: 500, body: { error: 'Cannot translate text: model not loaded' } },
  },
  errorWith: (status, text) => ({ status, body: { error: `Invalid request: ${text}` } }),
  secrets: [KEY],
  sourceCodes: { en: 'en', 'zh-Hans': 'zh', 'zh-Hant': 'zt', tl: 'tl' },
  targetCodes: { es: 'es', 'zh-Hans': 'zh', 'zh-Hant': 'zt', vi: 'vi', ar: 'ar', pt: 'pt', ko: 'ko' },
  unsupported: 'so',
  batchSize: 25,
});

describe('LibreTranslateProvider errors', () => {
  it('names the provider and the status in words of its own, not the server message', async () => {
    const { LocalProviderServer } = await import('./testing/local-server');
    const server = await new LocalProviderServer(() => ({ status: 400, body: { error: 'Invalid request: missing q parameter' } })).start();
    try {
      const error = await new LibreTranslateProvider({ url: server.url, retries: 0 }).translate(['x'], 'en', 'es').catch((e: unknown) => e);
      expect(error).toMatchObject({ provider: 'libretranslate', status: 400, code: 'bad_request', retryable: false });
      expect((error as Error).message).toBe('libretranslate: 400 bad request');
    } finally {
      await server.stop();
    }
  });
});
