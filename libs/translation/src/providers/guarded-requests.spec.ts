import { OutboundGuard, Resolver } from '@porchlight/outbound';
import { createTranslationProvider, ProviderSettings, TranslationSettingsError } from './provider-factory';
import { fakeTranslation, LocalProviderServer } from './testing/local-server';
import { TranslationProviderError } from './translation-provider';

/**
 * A district's own provider goes through the outbound guard in every adapter: the guard's agents
 * pick the address (so a name that now resolves to loopback is refused before any byte is sent),
 * and an allow-listed host is reached at the address its name resolves to.
 */
describe('adapters built from district settings connect only where the guard allows', () => {
  // Answers like every provider at once: enough for a request to be seen and answered.
  const server = new LocalProviderServer((request) => {
    const body =
      request.body.startsWith('{') || request.body.startsWith('[') ? JSON.parse(request.body) : Object.fromEntries(new URLSearchParams(request.body));
    if (request.path === '/translate' && Array.isArray(body))
      return { status: 200, body: body.map((item: { Text: string }) => ({ translations: [{ text: fakeTranslation(item.Text, 'es') }] })) };
    if (request.path === '/translate') return { status: 200, body: { translatedText: body.q.map((q: string) => fakeTranslation(q, 'es')) } };
    if (request.path === '/v2/translate') return { status: 200, body: { translations: [{ text: fakeTranslation(body.text, 'ES') }] } };
    if (request.path === '/language/translate/v2')
      return { status: 200, body: { data: { translations: body.q.map((q: string) => ({ translatedText: fakeTranslation(q, 'es') })) } } };
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: { TranslatedText: fakeTranslation(body.Text, 'es') } };
  });
  let port = 0;
  const resolver: Resolver = async (hostname) => {
    if (hostname === 'engine.example.org' || hostname === 'engine.district.internal') return [{ address: '127.0.0.1', family: 4 }];
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  };
  const guard = new OutboundGuard(['engine.district.internal'], resolver);

  beforeAll(async () => {
    await server.start();
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server.stop());
  beforeEach(() => server.reset());

  const settings: Array<Omit<ProviderSettings, 'url'>> = [
    { provider: 'libretranslate' },
    { provider: 'deepl', apiKey: 'k:fx' },
    { provider: 'google', apiKey: 'AIza-key' },
    { provider: 'aws', apiKey: 'AKIDEXAMPLE:secret', region: 'us-east-1' },
    { provider: 'azure', apiKey: 'k', region: 'eastus' },
  ];

  it.each(settings)('$provider: a name resolving to loopback is refused at connect time', async (given) => {
    const provider = createTranslationProvider({ ...given, url: `https://engine.example.org:${port}/`, guard }, { retries: 0, timeoutMs: 2_000 });
    if (!provider) throw new Error(`no adapter for ${given.provider}`);
    const error = await provider.translate(['hello'], 'en', 'es').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranslationProviderError);
    expect(error).toMatchObject({ code: 'blocked', retryable: false });
    expect((error as Error).message).toBe(`${given.provider}: refused to connect: the URL resolves to a loopback address`);
    expect(server.requests).toHaveLength(0);
  });

  it.each(settings)('$provider: an allow-listed host is reached over plain http', async (given) => {
    const provider = createTranslationProvider({ ...given, url: `http://engine.district.internal:${port}`, guard }, { retries: 0, timeoutMs: 2_000 });
    if (!provider) throw new Error(`no adapter for ${given.provider}`);
    await expect(provider.translate(['hello'], 'en', 'es')).resolves.toEqual([expect.stringContaining('hello')]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.host).toBe(`engine.district.internal:${port}`);
  });

  it.each([
    ['http://engine.example.org/', /url must use https/],
    ['https://127.0.0.1:5000/', /url must not point at a loopback address/],
    ['https://[::ffff:169.254.169.254]/', /url must not point at a cloud metadata address/],
    ['not a url', /url that is not a URL/],
  ])('refuses to build an adapter for %s', (url, reason) => {
    expect(() => createTranslationProvider({ provider: 'libretranslate', url, guard })).toThrow(TranslationSettingsError);
    expect(() => createTranslationProvider({ provider: 'google', apiKey: 'k', url, guard })).toThrow(reason);
  });

  it('leaves the operator’s own URLs alone', () => {
    expect(createTranslationProvider({ provider: 'libretranslate', url: 'http://127.0.0.1:5000' })?.name).toBe('libretranslate');
  });
});
