import { AzureTranslatorProvider } from './azure.provider';
import { FallbackTranslator } from './fallback-translator';
import { LibreTranslateProvider } from './libretranslate.provider';
import { createTranslationChain, createTranslationProvider, TranslationSettingsError } from './provider-factory';
import { check, fakeTranslation, LocalProviderServer } from './testing/local-server';

const FAST = { retries: 1, retryBaseMs: 1, maxDelayMs: 5, timeoutMs: 1_000 };

describe('FallbackTranslator', () => {
  const libre = new LocalProviderServer((request) => {
    const body = JSON.parse(request.body);
    check(request.path === '/translate', 'path');
    return { status: 200, body: { translatedText: body.q.map((q: string) => fakeTranslation(q, body.target)) } };
  });
  const azure = new LocalProviderServer((request) => {
    const to = request.query.get('to') ?? '';
    return { status: 200, body: JSON.parse(request.body).map((item: { Text: string }) => ({ translations: [{ text: fakeTranslation(item.Text, to), to }] })) };
  });

  beforeAll(async () => {
    await Promise.all([libre.start(), azure.start()]);
  });
  afterAll(() => Promise.all([libre.stop(), azure.stop()]));
  beforeEach(() => {
    libre.reset();
    azure.reset();
  });

  const chain = () =>
    new FallbackTranslator([new AzureTranslatorProvider({ ...FAST, url: azure.url, apiKey: 'k' }), new LibreTranslateProvider({ ...FAST, url: libre.url })]);

  it('uses the first provider when it answers', async () => {
    await expect(chain().translateWithProvider(['hi'], 'en', 'es')).resolves.toEqual({ texts: ['[es] hi'], provider: 'azure', failures: [] });
    expect(libre.requests).toHaveLength(0);
  });

  it('falls back to the next provider when the first fails', async () => {
    azure.inject({ status: 503, body: { error: { code: 503000, message: 'down' } } }, { status: 503, body: { error: { code: 503000, message: 'down' } } });
    const result = await chain().translateWithProvider(['hi'], 'en', 'zh-Hant');
    expect(result).toMatchObject({ texts: ['[zt] hi'], provider: 'libretranslate' });
    expect(result.failures.map((f) => [f.provider, f.code])).toEqual([['azure', 'server_error']]);
  });

  it('skips providers that lack the language', async () => {
    const translator = new FallbackTranslator([
      new LibreTranslateProvider({ ...FAST, url: libre.url }),
      new AzureTranslatorProvider({ ...FAST, url: azure.url, apiKey: 'k' }),
    ]);
    await expect(translator.translateWithProvider(['hi'], 'en', 'so')).resolves.toMatchObject({ provider: 'azure', texts: ['[so] hi'] });
    expect(libre.requests).toHaveLength(0);
  });

  it('reports every failure when all providers fail', async () => {
    azure.inject({ status: 401, body: { error: { code: 401000, message: 'bad key' } } });
    libre.inject({ status: 429, body: { error: 'slow down' } }, { status: 429, body: { error: 'slow down' } });
    const error = await chain()
      .translate(['hi'], 'en', 'es')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'azure>libretranslate', code: 'rate_limited', retryable: true });
    expect((error as Error).message).toBe(
      'azure>libretranslate: every provider failed: azure: 401 unauthorized (check the API key); libretranslate: 429 rate limited',
    );
  });
});

describe('createTranslationProvider', () => {
  it('builds each adapter from tenant settings', () => {
    expect(createTranslationProvider({ provider: 'none' })).toBeNull();
    expect(createTranslationProvider({ provider: 'libretranslate', url: 'http://libretranslate:5000' })?.name).toBe('libretranslate');
    expect(createTranslationProvider({ provider: 'deepl', apiKey: 'k:fx' })?.name).toBe('deepl');
    expect(createTranslationProvider({ provider: 'google', apiKey: 'k' })?.name).toBe('google');
    expect(createTranslationProvider({ provider: 'aws', apiKey: 'id:secret', region: 'us-east-1' })?.name).toBe('aws');
    expect(createTranslationProvider({ provider: 'azure', apiKey: 'k', region: 'eastus' })?.name).toBe('azure');
  });

  it('names the missing setting', () => {
    expect(() => createTranslationProvider({ provider: 'libretranslate' })).toThrow(
      new TranslationSettingsError('translation provider "libretranslate" needs url'),
    );
    expect(() => createTranslationProvider({ provider: 'aws', apiKey: 'id:secret' })).toThrow(/needs region/);
    expect(() => createTranslationProvider({ provider: 'deepl' })).toThrow(/needs apiKey/);
    expect(() => createTranslationProvider({ provider: 'babelfish' })).toThrow(/unknown translation provider "babelfish"/);
  });

  it('chains the tenant provider before the fallbacks, without "none"', () => {
    expect(createTranslationChain([{ provider: 'none' }])).toBeNull();
    const chain = createTranslationChain([{ provider: 'deepl', apiKey: 'k' }, { provider: 'none' }, { provider: 'libretranslate', url: 'http://lt:5000' }]);
    expect(chain?.name).toBe('deepl>libretranslate');
    expect(chain?.supports('en', 'so')).toBe(false);
    expect(chain?.supports('en', 'zh-Hant')).toBe(true);
  });
});
