import { ProjectLanguage } from '../languages';
import { TranslationProviderError } from './translation-provider';

/** A provider's spelling of each project language, for the source and the target side; absent = unsupported. */
export type LanguageCodes = Partial<Record<ProjectLanguage, { source: string; target: string }>>;

const same = (code: string) => ({ source: code, target: code });

/** LibreTranslate (Argos models): "zh" and "zt" for the two Chinese; no Somali nor Haitian Creole model. */
export const LIBRETRANSLATE_CODES: LanguageCodes = {
  en: same('en'),
  es: same('es'),
  'zh-Hans': same('zh'),
  'zh-Hant': same('zt'),
  vi: same('vi'),
  ar: same('ar'),
  pt: same('pt'),
  ru: same('ru'),
  ko: same('ko'),
  tl: same('tl'),
  fr: same('fr'),
};

/** DeepL: upper case; English and Portuguese targets need a variant, Chinese targets a script. No so, ht, tl. */
export const DEEPL_CODES: LanguageCodes = {
  en: { source: 'EN', target: 'EN-US' },
  es: same('ES'),
  'zh-Hans': { source: 'ZH', target: 'ZH-HANS' },
  'zh-Hant': { source: 'ZH', target: 'ZH-HANT' },
  vi: same('VI'),
  ar: same('AR'),
  pt: { source: 'PT', target: 'PT-BR' },
  ru: same('RU'),
  ko: same('KO'),
  fr: same('FR'),
};

/** Google Cloud Translation: region subtags for Chinese. */
export const GOOGLE_CODES: LanguageCodes = {
  en: same('en'),
  es: same('es'),
  'zh-Hans': same('zh-CN'),
  'zh-Hant': same('zh-TW'),
  vi: same('vi'),
  ar: same('ar'),
  so: same('so'),
  ht: same('ht'),
  pt: same('pt'),
  ru: same('ru'),
  ko: same('ko'),
  tl: same('tl'),
  fr: same('fr'),
};

/** Amazon Translate: "zh" is simplified, "zh-TW" traditional. */
export const AWS_CODES: LanguageCodes = {
  en: same('en'),
  es: same('es'),
  'zh-Hans': same('zh'),
  'zh-Hant': same('zh-TW'),
  vi: same('vi'),
  ar: same('ar'),
  so: same('so'),
  ht: same('ht'),
  pt: same('pt'),
  ru: same('ru'),
  ko: same('ko'),
  tl: same('tl'),
  fr: same('fr'),
};

/** Azure Translator: script subtags for Chinese, "fil" for Filipino/Tagalog. */
export const AZURE_CODES: LanguageCodes = {
  en: same('en'),
  es: same('es'),
  'zh-Hans': same('zh-Hans'),
  'zh-Hant': same('zh-Hant'),
  vi: same('vi'),
  ar: same('ar'),
  so: same('so'),
  ht: same('ht'),
  pt: same('pt'),
  ru: same('ru'),
  ko: same('ko'),
  tl: same('fil'),
  fr: same('fr'),
};

/** The provider's source and target codes for a pair; throws when the provider lacks either. */
export function pairCodes(provider: string, codes: LanguageCodes, from: ProjectLanguage, to: ProjectLanguage): { source: string; target: string } {
  const source = codes[from]?.source;
  const target = codes[to]?.target;
  if (!source || !target) {
    throw new TranslationProviderError(provider, 'unsupported_language', `cannot translate ${from} → ${to}`);
  }
  return { source, target };
}

export function supportsPair(codes: LanguageCodes, from: ProjectLanguage, to: ProjectLanguage): boolean {
  return !!codes[from]?.source && !!codes[to]?.target;
}
