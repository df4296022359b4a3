import { GoogleTranslateProvider } from './google.provider';
import { check, fakeTranslation } from './testing/local-server';
import { describeProviderContract } from './testing/provider-contract';

const KEY = 'AIzaSyFakeKeyForContractTests';
const googleError = (code: number, status: string, message: string, reason: string) => ({
  status: code,
  body: { error: { code, message, errors: [{ message, domain: 'global', reason }], status } },
});

describeProviderContract({
  name: 'google',
  create: (url, options) => new GoogleTranslateProvider({ ...options, url, apiKey: KEY }),
  handle: (request) => {
    check(request.method === 'POST' && request.path === '/language/translate/v2', `unexpected ${request.method} ${request.path}`);
    check(!request.query.has('key'), 'the key must travel in the X-Goog-Api-Key header, not in the URL');
    if (request.headers['x-goog-api-key'] !== KEY) return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', 'badRequest');
    const body = JSON.parse(request.body);
    check(body.format === 'text', 'format must be "text" (or Google answers HTML-escaped)');
    check(Array.isArray(body.q) && body.q.length <= 128, 'q must be an array of at most 128 strings');
    check(typeof body.target === 'string', 'target is required');
    return { status: 200, body: { data: { translations: body.q.map((q: string) => ({ translatedText: fakeTranslation(q, body.target) })) } } };
  },
  sent: (request) => {
    const body = JSON.parse(request.body);
    return { texts: body.q, source: body.source, target: body.target };
  },
  errors: {
    rateLimited: googleError(
      429,
      'RESOURCE_EXHAUSTED',
      "Quota exceeded for quota metric 'v2 and v3 general model characters' and limit 'per minute per user'.",
      'rateLimitExceeded',
    ),
    badKey: googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', 'badRequest'),
    serverError: googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError'),
  },
  errorWith: (status, text) =>
    googleError(
      status,
      status === 429 ? 'RESOURCE_EXHAUSTED' : status >= 500 ? 'UNAVAILABLE' : 'INVALID_ARGUMENT',
      `Invalid value at 'q' (${text})`,
      'badRequest',
    ),
  secrets: [KEY],
  sourceCodes: { en: 'en', 'zh-Hant': 'zh-TW', tl: 'tl' },
  targetCodes: { es: 'es', 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', so: 'so', ht: 'ht', tl: 'tl' },
  batchSize: 128,
});
