import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { ht } from './ht';
import { ko } from './ko';
import { LanguageLexicon } from './lexicon.types';
import { pt } from './pt';
import { ru } from './ru';
import { so } from './so';
import { tl } from './tl';
import { vi } from './vi';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

export type { LanguageLexicon } from './lexicon.types';

/** The languages whose answer words the reader knows: the district languages Porchlight serves. */
export const ANSWER_LANGUAGES = ['en', 'es', 'vi', 'zh-Hans', 'zh-Hant', 'ar', 'so', 'ht', 'pt', 'ru', 'ko', 'tl', 'fr'] as const;
export type AnswerLanguage = (typeof ANSWER_LANGUAGES)[number];

export const LEXICONS: Readonly<Record<AnswerLanguage, LanguageLexicon>> = {
  en,
  es,
  vi,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  ar,
  so,
  ht,
  pt,
  ru,
  ko,
  tl,
  fr,
};

/**
 * The lexicons to read a district's replies with: its languages (a BCP 47 tag is reduced to the
 * one the reader knows: es-MX → es, zh-TW → zh-Hant, zh → zh-Hans, fil → tl) and English always.
 */
export function answerLanguages(languages: readonly string[]): AnswerLanguage[] {
  const chosen = new Set<AnswerLanguage>(['en']);
  for (const tag of languages) {
    const language = toAnswerLanguage(tag);
    if (language) chosen.add(language);
  }
  return ANSWER_LANGUAGES.filter((language) => chosen.has(language));
}

function toAnswerLanguage(tag: string): AnswerLanguage | undefined {
  const lower = tag.trim().replace(/_/g, '-').toLowerCase();
  if (/^zh-(hant|tw|hk|mo)\b/.test(lower) || lower === 'yue') return 'zh-Hant';
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-Hans';
  const primary = lower.split('-')[0];
  if (primary === 'fil') return 'tl';
  return (ANSWER_LANGUAGES as readonly string[]).includes(primary) ? (primary as AnswerLanguage) : undefined;
}
