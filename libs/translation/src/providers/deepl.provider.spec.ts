import { DeepLProvider } from './deepl.provider';
import { check, fakeTranslation } from './testing/local-server';
import { describeProviderContract } from './testing/provider-contract';

const KEY = 'f63c02c5-f056-4c52-a0a1-000000000000:fx';

describeProviderContract({
  name: 'deepl',
  create: (url, options) => new DeepLProvider({ ...options, url, apiKey: KEY }),
  handle: (request) => {
    check(request.method === 'POST' && request.path === '/v2/translate', `unexpected ${request.method} ${request.path}`);
    if (request.headers.authorization !== `DeepL-Auth-Key ${KEY}`) return { status: 403, body: { message: 'Forbidden' } };
    check(String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded'), 'body must be form-encoded');
    const form = new URLSearchParams(request.body);
    const texts = form.getAll('text');
    // DeepL reads language codes case-insensitively.
    const target = form.get('target_lang')?.toUpperCase();
    check(texts.length > 0 && texts.length <= 50, 'between 1 and 50 text fields');
    check(target, 'target_lang is required');
    return {
      status: 200,
      body: {
        translations: texts.map((text) => ({
          detected_source_language: form.get('source_lang')?.toUpperCase() ?? 'EN',
          text: fakeTranslation(text, target),
          billed_characters: text.length,
        })),
      },
    };
  },
  sent: (request) => {
    const form = new URLSearchParams(request.body);
    return { texts: form.getAll('text'), source: (form.get('source_lang') ?? '').toUpperCase(), target: (form.get('target_lang') ?? '').toUpperCase() };
  },
  errors: {
    rateLimited: { status: 429, body: { message: 'Too many requests' } },
    badKey: { status: 403, body: { message: 'Wrong endpoint. Use https://api.deepl.com' } },
    serverError: { status: 503, body: { message: 'Service unavailable' } },
  },
  errorWith: (status, text) => ({ status, body: { message: `Value for 'target_lang' not supported: ${text}` } }),
  secrets: [KEY],
  sourceCodes: { en: 'EN', 'zh-Hant': 'ZH', pt: 'PT' },
  targetCodes: { es: 'ES', 'zh-Hans': 'ZH-HANS', 'zh-Hant': 'ZH-HANT', pt: 'PT-BR', ko: 'KO' },
  unsupported: 'ht',
  batchSize: 50,
});
