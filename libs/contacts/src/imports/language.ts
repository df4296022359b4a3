/**
 * Home languages as rosters write them — English names ("Spanish", "Haitian Creole"), native
 * names ("Español", "Tiếng Việt", "中文"), ISO 639-1/2/3 codes ("es", "spa", "vie") or locale
 * tags ("zh-CN", "es-MX") — turned into the BCP 47 tags Porchlight sends in: the bare language
 * (`es`, `vi`, `pt`), except Chinese, whose script decides what a family can read (`zh-Hans`,
 * `zh-Hant`). Regions are dropped: a notice is translated per language, not per country.
 */
export type LanguageResult =
  | { ok: true; language: string }
  /** Nothing was given: the caller falls back to the district's default. */
  | { ok: true; language: null }
  | { ok: false; reason: string };

/** Names rosters use that the CLDR names below do not cover, keyed as `key()` spells them. */
const ALIASES: Record<string, string> = {
  chinese: 'zh-Hans',
  mandarin: 'zh-Hans',
  'mandarin chinese': 'zh-Hans',
  'chinese mandarin': 'zh-Hans',
  'chinese simplified': 'zh-Hans',
  'simplified chinese': 'zh-Hans',
  简体中文: 'zh-Hans',
  普通话: 'zh-Hans',
  cantonese: 'zh-Hant',
  'chinese cantonese': 'zh-Hant',
  'chinese traditional': 'zh-Hant',
  'traditional chinese': 'zh-Hant',
  繁體中文: 'zh-Hant',
  粵語: 'zh-Hant',
  廣東話: 'zh-Hant',
  taiwanese: 'zh-Hant',
  haitian: 'ht',
  creole: 'ht',
  'haitian creole': 'ht',
  'haitian french creole': 'ht',
  kreyol: 'ht',
  'kreyol ayisyen': 'ht',
  tagalog: 'tl',
  filipino: 'tl',
  pilipino: 'tl',
  farsi: 'fa',
  'persian farsi': 'fa',
  dari: 'fa',
  castilian: 'es',
  espanol: 'es',
  hmong: 'hmn',
  karen: 'kar',
  chuukese: 'chk',
  marshallese: 'mh',
  'cape verdean creole': 'kea',
  kriolu: 'kea',
};

/** Codes the project writes differently from CLDR's canonical form. */
const PREFERRED: Record<string, string> = { fil: 'tl' };

const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

let names: Map<string, string> | undefined;

/** Lower case, no accents, no punctuation, single spaces: "Español " → "espanol". */
function key(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[()[\],;:/\\.\-_'"]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every language CLDR names, by its English and its native name. */
function nameIndex(): Map<string, string> {
  if (names) return names;
  names = new Map();
  const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = english.of(code);
      if (!name || name === code) continue;
      const tag = fromTag(code);
      if (!tag) continue;
      if (!names.has(key(name))) names.set(key(name), tag);
      try {
        const native = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
        if (native && !names.has(key(native))) names.set(key(native), tag);
      } catch {
        // no locale data for this language: the English name is enough
      }
    }
  }
  for (const [alias, tag] of Object.entries(ALIASES)) names.set(key(alias), tag);
  return names;
}

/** A well-formed tag → Porchlight's form of it, or undefined when no language goes by that code. */
function fromTag(value: string): string | undefined {
  let locale: Intl.Locale;
  try {
    const [canonical] = Intl.getCanonicalLocales(value.replace(/_/g, '-'));
    locale = new Intl.Locale(canonical);
  } catch {
    return undefined;
  }
  const language = locale.language;
  const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
  if (language === 'und' || english.of(language) === language) return undefined;
  if (language === 'zh' || language === 'yue') {
    const script = locale.script ?? locale.maximize().script;
    return script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  }
  return PREFERRED[language] ?? language;
}

export function normalizeLanguage(input: string | null | undefined): LanguageResult {
  const value = (input ?? '').trim();
  if (value === '') return { ok: true, language: null };
  const alias = ALIASES[key(value)];
  if (alias) return { ok: true, language: alias };
  if (TAG.test(value)) {
    const tag = fromTag(value);
    if (tag) return { ok: true, language: tag };
  }
  const named = nameIndex().get(key(value));
  if (named) return { ok: true, language: named };
  return { ok: false, reason: `"${value}" is not a language name or code Porchlight knows` };
}
