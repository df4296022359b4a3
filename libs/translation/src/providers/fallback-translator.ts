import { ProjectLanguage } from '../languages';
import { TranslationProvider, TranslationProviderError } from './translation-provider';

export interface ChainResult {
  texts: string[];
  /** The provider that translated. */
  provider: string;
  /** Why the providers before it did not. */
  failures: TranslationProviderError[];
}

/**
 * Tries a chain of providers in order: the first that supports the pair and answers wins. A
 * provider that fails (after its own retries) hands over to the next; when all fail, the last
 * error is thrown, carrying the others in `cause`.
 */
export class FallbackTranslator implements TranslationProvider {
  readonly name: string;

  constructor(private readonly chain: TranslationProvider[]) {
    if (chain.length === 0) throw new Error('a fallback chain needs at least one provider');
    this.name = chain.map((p) => p.name).join('>');
  }

  supports(from: ProjectLanguage, to: ProjectLanguage): boolean {
    return this.chain.some((p) => p.supports(from, to));
  }

  async translate(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<string[]> {
    return (await this.translateWithProvider(texts, from, to)).texts;
  }

  async translateWithProvider(texts: string[], from: ProjectLanguage, to: ProjectLanguage): Promise<ChainResult> {
    const failures: TranslationProviderError[] = [];
    for (const provider of this.chain) {
      if (!provider.supports(from, to)) continue;
      try {
        return { texts: await provider.translate(texts, from, to), provider: provider.name, failures };
      } catch (error) {
        failures.push(
          // Anything else is a fault of ours or of a client library: its text is not ours to repeat.
          error instanceof TranslationProviderError
            ? error
            : new TranslationProviderError(provider.name, 'bad_response', 'unexpected failure', { cause: error }),
        );
      }
    }
    const last = failures.at(-1);
    if (!last) throw new TranslationProviderError(this.name, 'unsupported_language', `no provider translates ${from} → ${to}`);
    throw new TranslationProviderError(this.name, last.code, `every provider failed: ${failures.map((f) => f.message).join('; ')}`, {
      status: last.status,
      retryable: failures.some((f) => f.retryable),
      cause: failures,
    });
  }
}
