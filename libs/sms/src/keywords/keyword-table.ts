/**
 * The compliance keywords, one entry per language (BCP 47). Write words as people spell them,
 * with their accents; `classifyKeyword` matches them with or without accents, in any case,
 * with surrounding punctuation, emoji and the `polite` words of any language around them.
 *
 * A word may appear under several languages ("stop" is English and French, "parar" Spanish and
 * Portuguese) but never under two kinds: the index refuses to load if it does, and the spec
 * checks it. Translations of the longer phrases deserve a native speaker's review.
 */
import { ASIA_AFRICA_KEYWORDS } from './keywords-asia-africa';
import { EUROPE_AMERICAS_KEYWORDS } from './keywords-europe-americas';
import { KeywordLanguage, LanguageKeywords } from './keyword-types';

export { KEYWORD_LANGUAGES } from './keyword-types';
export type { KeywordLanguage, LanguageKeywords } from './keyword-types';

export const KEYWORD_TABLE: Readonly<Record<KeywordLanguage, LanguageKeywords>> = {
  en: EUROPE_AMERICAS_KEYWORDS.en,
  es: EUROPE_AMERICAS_KEYWORDS.es,
  vi: ASIA_AFRICA_KEYWORDS.vi,
  'zh-Hans': ASIA_AFRICA_KEYWORDS['zh-Hans'],
  'zh-Hant': ASIA_AFRICA_KEYWORDS['zh-Hant'],
  ar: ASIA_AFRICA_KEYWORDS.ar,
  so: ASIA_AFRICA_KEYWORDS.so,
  ht: EUROPE_AMERICAS_KEYWORDS.ht,
  pt: EUROPE_AMERICAS_KEYWORDS.pt,
  fr: EUROPE_AMERICAS_KEYWORDS.fr,
  ru: EUROPE_AMERICAS_KEYWORDS.ru,
  ko: ASIA_AFRICA_KEYWORDS.ko,
  tl: ASIA_AFRICA_KEYWORDS.tl,
};
