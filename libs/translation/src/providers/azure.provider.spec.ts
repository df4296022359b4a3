import { AzureTranslatorProvider } from './azure.provider';
import { check, fakeTranslation } from './testing/local-server';
import { describeProviderContract } from './testing/provider-contract';

const KEY = 'azure-key-0123456789abcdef';
const azureError = (status: number, code: number, message: string) => ({ status, body: { error: { code, message } } });

describeProviderContract({
  name: 'azure',
  create: (url, options) => new AzureTranslatorProvider({ ...options, url, apiKey: KEY, region: 'eastus' }),
  handle: (request) => {
    check(request.method === 'POST' && request.path === '/translate', `unexpected ${request.method} ${request.path}`);
    check(request.query.get('api-version') === '3.0', 'api-version=3.0 is required');
    if (request.headers['ocp-apim-subscription-key'] !== KEY)
      return azureError(401, 401000, 'The request is not authorized because credentials are missing or invalid.');
    check(request.headers['ocp-apim-subscription-region'] === 'eastus', 'the region header is required for a regional resource');
    const to = request.query.get('to');
    check(to, 'to is required');
    const body = JSON.parse(request.body);
    check(Array.isArray(body) && body.length <= 1000 && body.every((item: { Text?: unknown }) => typeof item.Text === 'string'), 'body must be [{ Text }]');
    return { status: 200, body: body.map((item: { Text: string }) => ({ translations: [{ text: fakeTranslation(item.Text, to), to }] })) };
  },
  sent: (request) => ({
    texts: JSON.parse(request.body).map((item: { Text: string }) => item.Text),
    source: request.query.get('from') ?? '',
    target: request.query.get('to') ?? '',
  }),
  errors: {
    rateLimited: {
      ...azureError(429, 429001, 'The server rejected the request because the client has exceeded request limits.'),
      headers: { 'retry-after': '0' },
    },
    badKey: azureError(401, 401000, 'The request is not authorized because credentials are missing or invalid.'),
    serverError: azureError(500, 500000, 'An unexpected error occurred.'),
  },
  errorWith: (status, text) => azureError(status, status * 1000 + 1, `The request is not valid: ${text}`),
  secrets: [KEY],
  sourceCodes: { en: 'en', 'zh-Hant': 'zh-Hant', tl: 'fil' },
  targetCodes: { es: 'es', 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant', so: 'so', ht: 'ht', tl: 'fil' },
  batchSize: 100,
});
