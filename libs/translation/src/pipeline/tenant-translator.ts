import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { TenantDb } from '@porchlight/database';
import { OutboundGuard } from '@porchlight/outbound';
import { TenantContext } from '@porchlight/tenancy';
import { tenantLanguageRules } from '@porchlight/identity';
import { EntityManager } from 'typeorm';
import { translationCache } from '../data/translation-cache.repository';
import { TenantTranslatorOptions, TRANSLATION_OPTIONS, TRANSLATION_UNSEALER, Unsealer } from '../translation-options';
import { toProjectLanguage } from '../languages';
import { normaliseSource } from './memory';
import { FallbackTranslator } from '../providers/fallback-translator';
import { GlossaryTerm, protectPlaceholders, restorePlaceholders } from '../providers/placeholders';
import { createTranslationChain, ProviderSettings, TranslationSettingsError } from '../providers/provider-factory';
import { TranslationProviderError } from '../providers/translation-provider';

export interface MachineTranslation {
  text: string;
  /** Every placeholder (variable, link, glossary term) came back exactly once. */
  intact: boolean;
  provider: string;
  /** Answered from the cache of earlier machine output, without calling a provider. */
  cached: boolean;
}

/**
 * Machine translation for the tenant of the current context: its provider chain, with the
 * glossary and variables protected by placeholders, and engine output cached by a hash of the
 * exact text sent, so the same text is never paid for twice in one language. Never called inside
 * a transaction: a provider may take seconds.
 */
@Injectable()
export class TenantTranslator {
  private readonly logger = new Logger(TenantTranslator.name);
  private readonly guard: OutboundGuard;

  constructor(
    private readonly db: TenantDb,
    @Inject(TRANSLATION_UNSEALER) private readonly secrets: Unsealer,
    @Optional() @Inject(TRANSLATION_OPTIONS) private readonly options: TenantTranslatorOptions = {},
  ) {
    this.guard = options.guard ?? new OutboundGuard();
  }

  async translate(text: string, from: string, to: string, terms: GlossaryTerm[] = []): Promise<MachineTranslation> {
    const source = toProjectLanguage(from);
    const target = toProjectLanguage(to);
    if (!source || !target) throw new TranslationProviderError('porchlight', 'unsupported_language', `no engine translates ${from} → ${to}`);
    if (source === target) return { text, intact: true, provider: 'none', cached: true };
    const protectedText = protectPlaceholders(text, { terms });
    // Spacing aside, the same text is the same request: the key is of the normalised text.
    const key = createHash('sha256').update(normaliseSource(protectedText.text)).digest('hex');
    const found = await this.db.tx(async (m) => {
      const hit = await translationCache.find(m, { sourceLanguage: source, language: target, textHash: key });
      return hit ? { hit } : await this.chain(m);
    });
    let translated: string;
    let provider: string;
    if ('hit' in found) {
      ({ translated, provider } = found.hit);
    } else {
      if (!found.translator) {
        if (found.unusable) throw new TranslationProviderError('porchlight', 'bad_request', found.unusable);
        throw new TranslationProviderError('porchlight', 'unsupported_language', 'no machine translation is configured for this district');
      }
      const result = await found.translator.translateWithProvider([protectedText.text], source, target);
      translated = result.texts[0];
      provider = result.provider;
      const entry = { tenantId: TenantContext.tenantId(), sourceLanguage: source, language: target, textHash: key, translated, provider };
      await this.db.tx((m) => translationCache.store(m, entry));
    }
    const restored = restorePlaceholders(translated, protectedText);
    return { text: restored.text, intact: restored.intact, provider, cached: 'hit' in found };
  }

  /**
   * Whether an engine is meant to translate for the district: one could be asked (its own
   * provider or a platform fallback), or the district named a provider its settings do not let
   * us call (a refused URL, a missing key) — then translations fail with that reason rather
   * than a text going out in a language the family does not read.
   */
  async configured(m: EntityManager): Promise<boolean> {
    const { translator, unusable } = await this.chain(m);
    return translator !== null || unusable !== undefined;
  }

  private async chain(m: EntityManager): Promise<{ translator: FallbackTranslator | null; unusable?: string }> {
    const tenant = await tenantLanguageRules(m, TenantContext.tenantId());
    const settings = tenant?.translation;
    const own: ProviderSettings = {
      provider: settings?.provider ?? 'none',
      url: settings?.url,
      region: settings?.region,
      apiKey: tenant?.translationSecretSealed ? this.secrets.open(tenant.translationSecretSealed) : undefined,
      guard: this.guard,
    };
    try {
      return { translator: createTranslationChain([own, ...(this.options.fallbacks ?? [])], this.options.call) };
    } catch (error) {
      if (!(error instanceof TranslationSettingsError)) throw error;
      // A half-configured provider must not stop the platform's fallback from working.
      this.logger.warn({ msg: 'tenant translation provider unusable', reason: error.message });
      return { translator: createTranslationChain(this.options.fallbacks ?? [], this.options.call), unusable: error.message };
    }
  }
}
