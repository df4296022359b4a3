import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { tenantLanguageRules } from '@porchlight/identity';
import { OutboundGuard } from '@porchlight/outbound';
import { FrancLanguageDetector } from '../detection/franc-detector';
import { toProjectLanguage } from '../languages';
import { createTranslationProvider, ProviderSettings, TranslationSettingsError } from '../providers/provider-factory';
import { TranslationErrorCode, TranslationProviderError } from '../providers/translation-provider';
import { TenantTranslatorOptions, TRANSLATION_OPTIONS, TRANSLATION_UNSEALER, Unsealer } from '../translation-options';

/** What a district admin tries: the saved engine, or unsaved fields over it; a short sample text. */
export interface EngineTrial {
  provider?: string;
  url?: string;
  apiKey?: string;
  region?: string;
  text?: string;
  sourceLanguage?: string;
  targetLanguage?: string;
}

/** Why a trial failed, in words the portal can put in the admin's language. */
export const ENGINE_TRIAL_ERROR_CODES = [
  'no_engine',
  'incomplete',
  'blocked',
  'unauthorized',
  'unreachable',
  'timeout',
  'rate_limited',
  'quota_exceeded',
  'unsupported_language',
  'server_error',
  'refused',
] as const;
export type EngineTrialErrorCode = (typeof ENGINE_TRIAL_ERROR_CODES)[number];

export interface EngineTrialResult {
  ok: boolean;
  provider: string;
  sourceLanguage: string;
  targetLanguage: string;
  translatedText?: string;
  /** The language the answer reads as (offline detection), to tell a real translation from an echo. */
  detectedLanguage?: string;
  errorCode?: EngineTrialErrorCode;
  /** What went wrong, for a person: never the engine's own error text, which may echo the key. */
  error?: string;
}

export const DEFAULT_TRIAL_TEXT = 'School is closed tomorrow because of snow.';

const MESSAGES: Record<EngineTrialErrorCode, string> = {
  no_engine: 'No translation engine is chosen.',
  incomplete: 'The engine settings are incomplete',
  blocked: 'This URL may not be reached',
  unauthorized: 'The engine refused the API key. Check the key (and the region, for AWS and Azure).',
  unreachable: 'The engine could not be reached. Check the URL.',
  timeout: 'The engine did not answer in time.',
  rate_limited: 'The engine is busy (rate limited). Try again in a minute.',
  quota_exceeded: "The engine account's quota is used up.",
  unsupported_language: 'The engine does not translate between these languages.',
  server_error: 'The engine had an error of its own. Try again later.',
  refused: 'The engine refused the request. Check the URL and the provider.',
};

const FROM_PROVIDER: Record<TranslationErrorCode, EngineTrialErrorCode> = {
  rate_limited: 'rate_limited',
  unauthorized: 'unauthorized',
  quota_exceeded: 'quota_exceeded',
  bad_request: 'refused',
  unsupported_language: 'unsupported_language',
  server_error: 'server_error',
  timeout: 'timeout',
  network: 'unreachable',
  bad_response: 'refused',
  blocked: 'blocked',
};

const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/**
 * "Test it" for a district's translation engine: one short text through the engine the district
 * saved, or the fields it is about to save, answered as a result (never thrown) with a message a
 * person can act on. The saved API key is tried only against the saved provider and URL, so an
 * unsaved URL never receives it; every request goes through the operator's outbound guard.
 */
@Injectable()
export class EngineCheckUseCase {
  private readonly guard: OutboundGuard;

  constructor(
    private readonly db: TenantDb,
    @Inject(TRANSLATION_UNSEALER) private readonly secrets: Unsealer,
    @Optional() @Inject(TRANSLATION_OPTIONS) options: TenantTranslatorOptions = {},
  ) {
    this.guard = options.guard ?? new OutboundGuard();
  }

  async test(actor: StaffPrincipal, trial: EngineTrial): Promise<EngineTrialResult> {
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a district admin can test the translation engine');
    const tenant = await this.db.tx((m) => tenantLanguageRules(m, actor.tenantId));
    if (!tenant) throw DomainError.notFound('tenant');
    const saved = tenant.translation;
    const provider = blank(trial.provider) ?? saved.provider;
    const url = blank(trial.url) ?? (provider === saved.provider ? saved.url : undefined);
    const sameEngine = provider === saved.provider && url === saved.url;
    const savedKey = sameEngine && tenant.translationSecretSealed ? this.secrets.open(tenant.translationSecretSealed) : undefined;
    const settings: ProviderSettings = {
      provider,
      url,
      apiKey: blank(trial.apiKey) ?? savedKey,
      region: blank(trial.region) ?? (provider === saved.provider ? saved.region : undefined),
      guard: this.guard,
    };
    const sourceLanguage = blank(trial.sourceLanguage) ?? tenant.defaultLanguage;
    const targetLanguage = blank(trial.targetLanguage) ?? (sourceLanguage === 'es' ? 'en' : 'es');
    const base = { provider, sourceLanguage, targetLanguage };
    const failed = (errorCode: EngineTrialErrorCode, detail?: string): EngineTrialResult => ({
      ...base,
      ok: false,
      errorCode,
      error: detail ? `${MESSAGES[errorCode]}: ${detail}.` : MESSAGES[errorCode],
    });

    const source = toProjectLanguage(sourceLanguage);
    const target = toProjectLanguage(targetLanguage);
    if (!source || !target || source === target) return failed('unsupported_language');
    if (url !== undefined) {
      const refused = await this.guard.refusalOf(url);
      if (refused !== null) return failed('blocked', `the URL ${refused}`);
    }
    let engine;
    try {
      engine = createTranslationProvider(settings, { timeoutMs: 8_000, retries: 0 });
    } catch (error) {
      if (!(error instanceof TranslationSettingsError)) throw error;
      return failed('incomplete', error.message);
    }
    if (engine === null) return failed('no_engine');
    if (!engine.supports(source, target)) return failed('unsupported_language');
    try {
      const [translatedText] = await engine.translate([blank(trial.text) ?? DEFAULT_TRIAL_TEXT], source, target);
      const detected = new FrancLanguageDetector({ languages: [source, target] }).detect(translatedText).language;
      return { ...base, ok: true, translatedText, ...(detected ? { detectedLanguage: detected } : {}) };
    } catch (error) {
      if (!(error instanceof TranslationProviderError)) return failed('refused');
      return failed(FROM_PROVIDER[error.code]);
    }
  }
}
