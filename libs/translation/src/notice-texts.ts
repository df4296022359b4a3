import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DomainError, TranslationOrigin } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { TenantLanguageRules, tenantLanguageRules } from '@porchlight/identity';
import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';
import { noticeTranslations } from './data/notice-translations.repository';
import { catalogTranslations, NoticeTemplate } from './catalog/catalog-translations';
import { untranslatedEmergency } from './catalog/urgent-line';
import { glossaryTermsFor } from './pipeline/glossary';
import { recallTranslations } from './pipeline/memory';
import { TenantTranslator } from './pipeline/tenant-translator';
import { translationFailureText } from './providers/translation-provider';

/** Whether the district wants a person to check machine output for a notice of this urgency. */
export function reviewRequired(translation: { requireReviewFor?: string[] } | null | undefined, urgency: string): boolean {
  const list = translation?.requireReviewFor ?? [];
  return list.includes(urgency) || list.includes('all');
}

/** What the decision needs of a notice. */
export interface NoticeTextSubject {
  id: string;
  body: string;
  sourceLanguage: string;
  urgency: string;
  template: NoticeTemplate | null;
}

/** The text one language gets, and where it comes from. */
export interface ChosenText {
  language: string;
  body: string;
  origin: Exclude<TranslationOrigin, 'source'>;
  status: 'ready' | 'needs_review';
  /** The engine that wrote a machine translation. */
  provider?: string;
  reviewReason?: string;
  /** Already a `notice_translations` row (a person's text, or one stored when the notice was prepared). */
  stored: boolean;
  /**
   * An emergency nobody could translate into this language: the catalog's "Urgent message from
   * <district>:" in the language, then the source text (origin `catalog`, ready).
   */
  fallback?: boolean;
}

export interface NoticeTextDecision {
  /** Every language (but the source) that has a text, by language. */
  texts: Map<string, ChosenText>;
  /** Languages nothing could fill. */
  missing: string[];
  /** Why the engines gave no text, per language (our words, never an engine's answer). */
  failures: Map<string, string>;
}

/**
 * The one place that decides the text each language of a notice gets, in this order: what a
 * person wrote on the notice (or what was stored when it was prepared), the template catalog's
 * text for a notice written from a template, the district's translation memory, then the
 * district's machine-translation chain (glossary terms protected; the engine's output cached by
 * the translator, so the preview, the next preview and the send pay for one call per language).
 * Catalog and machine text waits for a person when the district reviews notices of this urgency,
 * machine text also when a placeholder did not survive. Last, an emergency is never held for a
 * missing translation: a language still missing gets the catalog's "Urgent message from
 * <district>:" in that language, then the source text. The preview shows this decision and the
 * translation app stores it.
 */
@Injectable()
export class NoticeTexts {
  private readonly logger = new Logger(NoticeTexts.name);

  constructor(
    private readonly db: TenantDb,
    @Optional() @Inject(TenantTranslator) private readonly translator: TenantTranslator | null = null,
  ) {}

  /** Person, catalog, memory: what the database alone decides (inside the caller's transaction). */
  async known(m: EntityManager, notice: NoticeTextSubject, languages: string[]): Promise<NoticeTextDecision> {
    const wanted = [...new Set(languages)].filter((language) => language !== notice.sourceLanguage).sort();
    const texts = new Map<string, ChosenText>();
    for (const row of await noticeTranslations.of(m, notice.id, wanted)) {
      // A stored `source` text is no translation of the notice's.
      if (row.origin === 'source') continue;
      texts.set(row.language, {
        language: row.language,
        body: row.body,
        origin: row.origin,
        status: row.status,
        ...(row.provider ? { provider: row.provider } : {}),
        ...(row.reviewReason ? { reviewReason: row.reviewReason } : {}),
        ...(row.fallback ? { fallback: true } : {}),
        stored: true,
      });
    }
    const open = () => wanted.filter((language) => !texts.has(language));
    const { timezone, review } = await this.tenantRules(m, notice);
    if (notice.template && open().length > 0) {
      for (const [language, body] of catalogTranslations(notice.template, open(), timezone)) {
        texts.set(language, { language, body, origin: 'catalog', ...this.reviewed(review, notice.urgency), stored: false });
      }
    }
    for (const [language, body] of await recallTranslations(m, { language: notice.sourceLanguage, text: notice.body }, open())) {
      texts.set(language, { language, body, origin: 'memory', status: 'ready', stored: false });
    }
    return { texts, missing: open(), failures: new Map() };
  }

  /** Whether an engine is meant to translate for the district (see TenantTranslator.configured). */
  async machineConfigured(m: EntityManager): Promise<boolean> {
    return this.translator !== null && (await this.translator.configured(m));
  }

  /**
   * The engines for what `known` left missing. Never inside a transaction: an engine may take
   * seconds. One call per language, whatever the number of families; a failure leaves the language
   * missing with its reason.
   */
  async machine(notice: NoticeTextSubject, decision: NoticeTextDecision): Promise<NoticeTextDecision> {
    if (!this.translator || decision.missing.length === 0) return decision;
    const review = await this.db.tx((m) => this.tenantRules(m, notice)).then((rules) => rules.review);
    const texts = new Map(decision.texts);
    const failures = new Map(decision.failures);
    for (const language of decision.missing) {
      try {
        const terms = await this.db.tx((m) => glossaryTermsFor(m, language));
        const translated = await this.translator.translate(notice.body, notice.sourceLanguage, language, terms);
        const lost = !translated.intact ? 'a placeholder or glossary term did not survive machine translation' : null;
        const rule = this.reviewed(review, notice.urgency, 'machine translations');
        texts.set(language, {
          language,
          body: translated.text,
          origin: 'machine',
          provider: translated.provider,
          ...(lost ? { status: 'needs_review' as const, reviewReason: lost } : rule),
          stored: false,
        });
      } catch (error) {
        failures.set(language, translationFailureText(error));
        this.logger.warn({ msg: 'machine translation failed', noticeId: notice.id, language, reason: translationFailureText(error), err: error });
      }
    }
    return { texts, missing: decision.missing.filter((language) => !texts.has(language)), failures };
  }

  /** The whole decision: `known` in a transaction of its own, then the engines when `machine` is asked for and one is configured. */
  async decide(notice: NoticeTextSubject, languages: string[], options: { machine: boolean }): Promise<NoticeTextDecision> {
    const { known, configured } = await this.db.tx(async (m) => ({
      known: await this.known(m, notice, languages),
      configured: options.machine && (await this.machineConfigured(m)),
    }));
    return this.emergencyFallback(notice, configured ? await this.machine(notice, known) : known);
  }

  /** For an emergency, every language still missing gets the catalog line in that language before the source text. */
  async emergencyFallback(notice: NoticeTextSubject, decision: NoticeTextDecision): Promise<NoticeTextDecision> {
    if (notice.urgency !== 'emergency' || decision.missing.length === 0) return decision;
    const name = await this.db.tx(async (m) => (await this.tenant(m)).name);
    const texts = new Map(decision.texts);
    for (const language of decision.missing) {
      texts.set(language, {
        language,
        body: untranslatedEmergency(language, name, notice.body),
        origin: 'catalog',
        status: 'ready',
        fallback: true,
        stored: false,
      });
    }
    return { texts, missing: [], failures: decision.failures };
  }

  private async tenantRules(m: EntityManager, notice: NoticeTextSubject): Promise<{ timezone: string; review: boolean }> {
    const tenant = await tenantLanguageRules(m, TenantContext.tenantId());
    return { timezone: tenant?.timezone ?? 'UTC', review: reviewRequired(tenant?.translation, notice.urgency) };
  }

  /** The district of the current context (the notice's: row-level security shows no other). */
  private async tenant(m: EntityManager): Promise<TenantLanguageRules> {
    const tenant = await tenantLanguageRules(m, TenantContext.tenantId());
    if (!tenant) throw DomainError.notFound('tenant');
    return tenant;
  }

  private reviewed(review: boolean, urgency: string, what = 'translations'): Pick<ChosenText, 'status' | 'reviewReason'> {
    return review ? { status: 'needs_review', reviewReason: `the district reviews ${what} of ${urgency} notices` } : { status: 'ready' };
  }
}
