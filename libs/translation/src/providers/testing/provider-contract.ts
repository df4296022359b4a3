import { ProjectLanguage } from '../../languages';
import { ProviderCallOptions, TranslationProvider, TranslationProviderError } from '../translation-provider';
import { LocalProviderServer, RecordedRequest, ScriptedResponse, waitFor } from './local-server';

export interface ProviderContract {
  name: string;
  /** The adapter under test, pointed at the local server. */
  create(url: string, options: ProviderCallOptions): TranslationProvider;
  /** The provider's API, answering with `fakeTranslation(text, targetCode)`. */
  handle(request: RecordedRequest): ScriptedResponse;
  /** The texts and the provider's source/target codes one request carried. */
  sent(request: RecordedRequest): { texts: string[]; source: string; target: string };
  /** Realistic error answers of this provider. */
  errors: { rateLimited: ScriptedResponse; badKey: ScriptedResponse; serverError: ScriptedResponse };
  /** This provider's error answer with `status`, its message saying `text` (as a provider echoing a request would). */
  errorWith(status: number, text: string): ScriptedResponse;
  /** The credentials the adapter was created with: they never appear in an error. */
  secrets: string[];
  /** Expected spelling of project languages on the wire, e.g. { 'zh-Hant': 'ZH-HANT' } (target side). */
  targetCodes: Partial<Record<ProjectLanguage, string>>;
  sourceCodes: Partial<Record<ProjectLanguage, string>>;
  /** A project language this provider cannot translate into. */
  unsupported?: ProjectLanguage;
  /** Largest batch the adapter sends in one request (for a batch-splitting check); 1 for one text per call. */
  batchSize: number;
}

const FAST: ProviderCallOptions = { timeoutMs: 2_000, retries: 2, retryBaseMs: 5, maxDelayMs: 20 };

export function describeProviderContract(contract: ProviderContract): void {
  describe(`${contract.name} adapter against a local server speaking its API`, () => {
    const server = new LocalProviderServer((request) => contract.handle(request));
    let provider: TranslationProvider;

    beforeAll(async () => {
      await server.start();
    });
    afterAll(() => server.stop());
    beforeEach(() => {
      server.reset();
      provider = contract.create(server.url, FAST);
    });

    it('translates a batch in order, with the provider language codes', async () => {
      const texts = ['School is closed tomorrow.', 'Pickup at 3:15 pm', 'Thank you!'];
      for (const [language, code] of Object.entries(contract.targetCodes) as Array<[ProjectLanguage, string]>) {
        server.reset();
        const result = await provider.translate(texts, 'en', language);
        expect(result).toEqual(texts.map((t) => `[${code}] ${t}`));
        const sent = server.requests.map((r) => contract.sent(r));
        expect(sent.flatMap((s) => s.texts)).toEqual(texts);
        expect(sent.every((s) => s.target === code && s.source === contract.sourceCodes.en)).toBe(true);
      }
      for (const [language, code] of Object.entries(contract.sourceCodes) as Array<[ProjectLanguage, string]>) {
        server.reset();
        await provider.translate(['hola'], language, language === 'en' ? 'es' : 'en');
        expect(contract.sent(server.requests[0]).source).toBe(code);
      }
    });

    it('splits a large batch into requests the provider accepts', async () => {
      const texts = Array.from({ length: contract.batchSize + 3 }, (_, i) => `message ${i}`);
      const result = await provider.translate(texts, 'en', 'es');
      expect(result).toHaveLength(texts.length);
      expect(result[texts.length - 1]).toBe(`[${contract.targetCodes.es}] message ${texts.length - 1}`);
      expect(server.requests.length).toBe(Math.ceil(texts.length / contract.batchSize));
      expect(server.requests.every((r) => contract.sent(r).texts.length <= contract.batchSize)).toBe(true);
    });

    it('retries a 429 and then succeeds', async () => {
      server.inject(contract.errors.rateLimited);
      await expect(provider.translate(['hello'], 'en', 'es')).resolves.toEqual([`[${contract.targetCodes.es}] hello`]);
      expect(server.requests).toHaveLength(2);
    });

    it('gives up on server errors after its retries, with a retryable error', async () => {
      server.inject(contract.errors.serverError, contract.errors.serverError, contract.errors.serverError);
      const error = await provider.translate(['hello'], 'en', 'es').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TranslationProviderError);
      expect(error).toMatchObject({ provider: contract.name, code: 'server_error', retryable: true });
      expect((error as TranslationProviderError).status).toBeGreaterThanOrEqual(500);
      expect(server.requests).toHaveLength(3);
    });

    it('does not retry a bad key', async () => {
      server.inject(contract.errors.badKey);
      const error = await provider.translate(['hello'], 'en', 'es').catch((e: unknown) => e);
      expect(error).toMatchObject({ provider: contract.name, code: 'unauthorized', retryable: false });
      expect(server.requests).toHaveLength(1);
    });

    it('times out a slow answer and retries it', async () => {
      provider = contract.create(server.url, { ...FAST, timeoutMs: 150, retries: 1 });
      // Answers that never come in time: without its own timeout the call would hang past the spec's.
      server.inject({ status: 200, delayMs: 600_000 }, { status: 200, delayMs: 600_000 });
      const error = await provider.translate(['hello'], 'en', 'es').catch((e: unknown) => e);
      expect(error).toMatchObject({ provider: contract.name, code: 'timeout', retryable: true });
      // The retry was sent; on a busy machine the server, in this process, may read it only after the client gave up.
      await waitFor('the retried request to reach the server', () => server.requests.length === 2, { timeoutMs: 10_000, intervalMs: 10 });
      expect(server.requests).toHaveLength(2);
    });

    it('fails as a network error when nothing listens', async () => {
      const closed = new LocalProviderServer(() => ({ status: 500 }));
      await closed.start();
      await closed.stop();
      const error = await contract
        .create(closed.url, { ...FAST, retries: 1 })
        .translate(['hello'], 'en', 'es')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ provider: contract.name, code: 'network', retryable: true });
    });

    it('never repeats an error body, a key or the URL in its errors', async () => {
      const planted = 'sk_live_PLANTED-9f8e7d6c5b4a +16175550123';
      const quiet = contract.create(server.url, { ...FAST, retries: 0 });
      const errors: unknown[] = [];
      for (const status of [400, 401, 403, 404, 429, 456, 500, 503]) {
        server.inject(contract.errorWith(status, `${planted} ${contract.secrets.join(' ')} ${server.url}/?key=${contract.secrets[0]}`));
        errors.push(await quiet.translate(['hello'], 'en', 'es').catch((e: unknown) => e));
      }
      // Answers that are not what the API promises: a body that is not JSON, one without translations.
      server.inject({ status: 200, body: `<html>${planted}</html>`, headers: { 'content-type': 'text/html' } }, { status: 200, body: { unexpected: planted } });
      errors.push(await quiet.translate(['hello'], 'en', 'es').catch((e: unknown) => e), await quiet.translate(['hello'], 'en', 'es').catch((e: unknown) => e));
      for (const error of errors) {
        expect(error).toBeInstanceOf(TranslationProviderError);
        const text = `${(error as Error).message} ${(error as Error).stack}`;
        for (const secret of ['PLANTED', '6175550123', server.url.replace('http://', ''), ...contract.secrets]) expect(text).not.toContain(secret);
      }
      expect((errors[2] as Error).message).toMatch(new RegExp(`^${contract.name}: \\d{3} .*check the API key`));
      expect(errors.map((e) => (e as TranslationProviderError).code)).toEqual([
        'bad_request',
        'unauthorized',
        'unauthorized',
        'bad_request',
        'rate_limited',
        'quota_exceeded',
        'server_error',
        'server_error',
        'bad_response',
        'bad_response',
      ]);
    });

    if (contract.unsupported) {
      const unsupported = contract.unsupported;
      it(`refuses ${unsupported}, which it has no model for, without a request`, async () => {
        expect(provider.supports('en', unsupported)).toBe(false);
        await expect(provider.translate(['hello'], 'en', unsupported)).rejects.toMatchObject({ code: 'unsupported_language', retryable: false });
        expect(server.requests).toHaveLength(0);
      });
    }
  });
}
