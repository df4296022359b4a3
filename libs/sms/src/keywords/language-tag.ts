const CHINESE_TRADITIONAL_REGIONS = new Set(['TW', 'HK', 'MO']);
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * Canonical BCP 47 for a tag from a family or a database row, in the spelling this project
 * uses: Chinese is 'zh-Hans' or 'zh-Hant' (zh, zh-CN, zh-SG → zh-Hans; zh-TW, zh-HK, zh-MO →
 * zh-Hant) and Tagalog stays 'tl' (ICU would say 'fil'). Undefined when the tag is malformed
 * or names no language ICU knows ("xx").
 */
export function canonicalLanguageTag(tag: string): string | undefined {
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'));
  } catch {
    return undefined;
  }
  if (!canonical) return undefined;
  const locale = new Intl.Locale(canonical);
  if (languageNames.of(locale.language) === undefined) return undefined;
  if (locale.language === 'zh') {
    const traditional = locale.script === 'Hant' || CHINESE_TRADITIONAL_REGIONS.has(locale.region ?? '');
    return traditional ? 'zh-Hant' : 'zh-Hans';
  }
  if (locale.language === 'fil') return `tl${canonical.slice('fil'.length)}`;
  return canonical;
}
