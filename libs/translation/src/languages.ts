/**
 * The languages Porchlight translates between, as BCP 47 codes. Providers and detectors each spell
 * them their own way; they map from and to these.
 */
export const PROJECT_LANGUAGES = ['en', 'es', 'zh-Hans', 'zh-Hant', 'vi', 'ar', 'so', 'ht', 'pt', 'ru', 'ko', 'tl', 'fr'] as const;
export type ProjectLanguage = (typeof PROJECT_LANGUAGES)[number];

export function isProjectLanguage(code: string): code is ProjectLanguage {
  return (PROJECT_LANGUAGES as readonly string[]).includes(code);
}

/**
 * Normalises a BCP 47 tag a roster or a person gave ("es-MX", "zh-TW", "zh", "fil", "pt-BR") to
 * the project's code, or null when it is not one of them.
 */
export function toProjectLanguage(tag: string): ProjectLanguage | null {
  const lower = tag.trim().replace(/_/g, '-').toLowerCase();
  if (!lower) return null;
  if (lower === 'zh-hant' || lower.startsWith('zh-hant-') || ['zh-tw', 'zh-hk', 'zh-mo', 'yue'].includes(lower) || lower.startsWith('yue-')) return 'zh-Hant';
  if (lower === 'zh' || lower.startsWith('zh-') || lower === 'cmn') return 'zh-Hans';
  if (lower === 'fil') return 'tl';
  const primary = lower.split('-')[0];
  return isProjectLanguage(primary) ? primary : null;
}
